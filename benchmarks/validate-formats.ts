/**
 * Every report format, validated at scale: generates a seeded cluster (one YAML file per namespace),
 * scans it ONCE writing every format, and checks each file with the validators the tests use:
 *
 *   json          docs/scan-result.schema.json (ajv, as test/unit/memory-bound.test.ts), every result expanded
 *   sarif         the official SARIF 2.1.0 schema, docs/schemas/sarif-schema-2.1.0.json (ajv, as test/unit/report-sarif.test.ts)
 *   junit         a strict XML parse (saxes, as test/unit/report-junit.test.ts), test cases counted
 *   oscal         compliance-trestle `trestle validate` (as test/integration/oscal-trestle.test.ts)
 *   policyreport  the real kube-apiserver with the vendored wgpolicyk8s.io CRDs: every report created
 *                 with server-side dry run (as test/integration/policyreport.test.ts, where acceptance = valid)
 *   csv           csv-parse, one row per result
 *
 * Then `palisade report --from-result palisade.json` re-renders every format, which must be byte-identical.
 * Prints the figures (sizes, counts, validator verdicts and times) and writes benchmarks/results/validate-formats-<N>k.json.
 *
 *   npm run bench:formats                                   # builds dist/, 44,000 objects
 *   node benchmarks/validate-formats.ts --objects 2000      # smaller
 *   node benchmarks/validate-formats.ts --trestle /path/to/venv/bin/trestle --no-write
 *   node benchmarks/validate-formats.ts --input examples/demo-cluster   # an existing input; writes validate-formats-demo-cluster.json
 *
 * Needs .cache/bin/palisade-test-apiserver (test/cluster/build.ts) and the trestle venv (test/tools/oscal-venv.sh).
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse';
import { execa } from 'execa';
import { SaxesParser } from 'saxes';
import { parseAllDocuments } from 'yaml';
import { startCluster } from '../test/cluster/harness.ts';

const REPO = join(import.meta.dirname, '..');
const CLI = join(REPO, 'dist', 'cli', 'main.js');
const NODE = process.execPath;
const FORMATS = ['json', 'sarif', 'junit', 'oscal', 'policyreport', 'csv', 'md', 'html'] as const;

type Json = Record<string, unknown>;

interface Check {
  format: string;
  file: string;
  bytes: number;
  valid: boolean;
  validator: string;
  seconds: number;
  detail: string;
}

const RSS_PROBE =
  "process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('PALISADE_BENCH_MAXRSS_KB='+u.maxRSS+' PALISADE_BENCH_CPU_US='+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

/** The CLI as a child process: wall, CPU and peak RSS (resourceUsage at exit; it survives the CLI's execve). */
async function palisade(args: string[]): Promise<{ exitCode: number; wallSeconds: number; cpuSeconds: number; maxRssMiB: number; stderr: string }> {
  const t0 = performance.now();
  const r = await execa(NODE, ['--import', `data:text/javascript,${encodeURIComponent(RSS_PROBE)}`, CLI, ...args], { cwd: REPO, reject: false, stdin: 'ignore' });
  const stderr = String(r.stderr);
  const m = /PALISADE_BENCH_MAXRSS_KB=(\d+) PALISADE_BENCH_CPU_US=(\d+)/.exec(stderr);
  if (!m) throw new Error(`palisade ${args.join(' ')}: no resource usage reported (exit ${String(r.exitCode)}):\n${stderr.slice(-2000)}`);
  return { exitCode: r.exitCode ?? -1, wallSeconds: round((performance.now() - t0) / 1000), cpuSeconds: round(Number(m[2]) / 1e6), maxRssMiB: round(Number(m[1]) / 1024, 1), stderr };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function log(line: string): void {
  process.stderr.write(`[bench:formats] ${line}\n`);
}

async function timed(format: string, file: string, validator: string, f: () => Promise<{ valid: boolean; detail: string }>): Promise<Check> {
  const t0 = performance.now();
  const { valid, detail } = await f();
  const check = { format, file, bytes: (await stat(file)).size, valid, validator, seconds: round((performance.now() - t0) / 1000), detail };
  log(`${format}: ${valid ? 'VALID' : 'INVALID'} (${validator}, ${check.seconds} s): ${detail}`);
  return check;
}

/** dist/config/ajv.js: the draft 2020-12 validator with formats that the project's tests use. */
async function ajvModule(): Promise<{ createAjv(): { compile(schema: object): ((doc: unknown) => boolean) & { errors?: unknown[] | null } } }> {
  return (await import(pathToFileURL(join(REPO, 'dist', 'config', 'ajv.js')).href)) as never;
}

async function checkJson(file: string): Promise<{ valid: boolean; detail: string }> {
  const { createAjv } = await ajvModule();
  const { expandResults } = (await import(pathToFileURL(join(REPO, 'dist', 'report', 'load.js')).href)) as { expandResults(doc: unknown): Iterable<unknown> };
  const doc = JSON.parse(await readFile(file, 'utf8')) as { summary: { counts: Record<string, number>; objects: { total: number } }; results: unknown[] };
  const validate = createAjv().compile(JSON.parse(await readFile(join(REPO, 'docs', 'scan-result.schema.json'), 'utf8')) as object);
  const ok = validate(doc);
  let all = 0;
  for (const _r of expandResults(doc)) all++;
  const counted = Object.values(doc.summary.counts).reduce((a, b) => a + b, 0);
  return {
    valid: ok && all === counted,
    detail: ok ? `${doc.summary.objects.total} objects, ${all} results expanded (summary counts ${counted}), ${doc.results.length} full` : JSON.stringify(validate.errors?.slice(0, 3)),
  };
}

async function checkSarif(file: string): Promise<{ valid: boolean; detail: string }> {
  // As test/unit/report-sarif.test.ts: not strict (the official schema uses keywords ajv's strict mode refuses).
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const addFormats = (await import('ajv-formats')).default as unknown as { default?: (a: unknown) => void } & ((a: unknown) => void);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats.default ?? addFormats)(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(join(REPO, 'docs', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object);
  const log = JSON.parse(await readFile(file, 'utf8')) as { runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[] };
  const ok = validate(log);
  const run = log.runs[0]!;
  return { valid: ok, detail: ok ? `${run.results.length} results, ${run.tool.driver.rules.length} rules` : JSON.stringify(validate.errors?.slice(0, 3)) };
}

async function checkJunit(file: string): Promise<{ valid: boolean; detail: string }> {
  // Strict XML 1.0 (saxes throws on any well-formedness error), streamed: the file can be large.
  const parser = new SaxesParser({ xmlns: false });
  let cases = 0;
  let failures = 0;
  let suites = 0;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (t) => {
    if (t.name === 'testcase') cases++;
    else if (t.name === 'failure') failures++;
    else if (t.name === 'testsuite') suites++;
  });
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) parser.write(chunk as string);
  parser.close();
  return { valid: error === undefined && cases > 0, detail: error ? error.message : `${suites} test suites, ${cases} test cases, ${failures} failures` };
}

async function checkCsv(file: string): Promise<{ valid: boolean; detail: string }> {
  let rows = 0;
  let width = -1;
  let ragged = 0;
  for await (const rec of createReadStream(file).pipe(parseCsv({ relax_column_count: true, bom: true }))) {
    const n = (rec as string[]).length;
    if (width < 0) width = n;
    else if (n !== width) ragged++;
    rows++;
  }
  return { valid: ragged === 0 && rows > 1, detail: `${rows - 1} rows of ${width} columns${ragged ? `, ${ragged} rows of another width` : ''}` };
}

async function checkOscal(file: string, trestle: string, work: string): Promise<{ valid: boolean; detail: string }> {
  const workspace = join(work, 'trestle');
  await mkdir(workspace, { recursive: true });
  await execa(trestle, ['init'], { cwd: workspace });
  const dir = join(workspace, 'assessment-results', 'palisade');
  await mkdir(dir, { recursive: true });
  const placed = join(dir, 'assessment-results.json');
  await writeFile(placed, await readFile(file));
  const r = await execa(trestle, ['validate', '-f', placed], { cwd: workspace, all: true, reject: false });
  const out = String(r.all);
  const doc = JSON.parse(await readFile(file, 'utf8')) as { 'assessment-results': { results: { observations?: unknown[]; findings?: unknown[] }[] } };
  const res = doc['assessment-results'].results[0]!;
  const valid = r.exitCode === 0 && /^VALID: Model .* passed the Validator/m.test(out);
  return { valid, detail: valid ? `${res.observations?.length ?? 0} observations, ${res.findings?.length ?? 0} findings; ${out.match(/^VALID: .*/m)?.[0] ?? ''}` : out.split('\n').slice(0, 10).join(' | ') };
}

async function checkPolicyReports(file: string, work: string): Promise<{ valid: boolean; detail: string }> {
  const { KubeClient, loadKubeConfig } = (await import(pathToFileURL(join(REPO, 'dist', 'inventory', 'live', 'client.js')).href)) as typeof import('../src/inventory/live/client.ts');
  const reports = parseAllDocuments(await readFile(file, 'utf8'))
    .map((d) => d.toJS() as Json | null)
    .filter((o): o is Json => o !== null);
  const cluster = await startCluster({ dir: join(work, 'cluster') });
  try {
    const admin = new KubeClient(loadKubeConfig({ kubeconfig: cluster.kubeconfig }).kc);
    const send = (method: string, path: string, body: unknown) => admin.request({ method, path, body: JSON.stringify(body) });
    for (const crd of ['wgpolicyk8s.io_policyreports.yaml', 'wgpolicyk8s.io_clusterpolicyreports.yaml']) {
      for (const d of parseAllDocuments(await readFile(join(REPO, 'docs', 'schemas', 'policyreport', crd), 'utf8'))) {
        const a = await send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', d.toJS());
        if (a.status >= 300) throw new Error(`CRD ${crd}: HTTP ${a.status}: ${a.body.slice(0, 300)}`);
      }
    }
    const API = '/apis/wgpolicyk8s.io/v1alpha2';
    for (let i = 0; (await admin.request({ path: `${API}/policyreports` })).status !== 200 || (await admin.request({ path: `${API}/clusterpolicyreports` })).status !== 200; i++) {
      if (i > 300) throw new Error('the PolicyReport CRDs never became served');
      await new Promise((r) => setTimeout(r, 200));
    }
    const namespaces = [...new Set(reports.map((r) => (r['metadata'] as { namespace?: string }).namespace).filter((n): n is string => n !== undefined))];
    await pool(namespaces, 8, async (ns) => {
      const a = await send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      if (a.status >= 300 && a.status !== 409) throw new Error(`namespace ${ns}: HTTP ${a.status}: ${a.body.slice(0, 200)}`);
    });
    // Server-side dry run with strict field validation: the CRD's openAPI schema is applied, nothing is stored.
    const refused: string[] = [];
    let accepted = 0;
    let results = 0;
    await pool(reports, 8, async (r) => {
      const ns = (r['metadata'] as { namespace?: string }).namespace;
      const path = `${ns ? `${API}/namespaces/${ns}/policyreports` : `${API}/clusterpolicyreports`}?dryRun=All&fieldValidation=Strict`;
      const a = await send('POST', path, r);
      if (a.status === 201 || a.status === 200) {
        accepted++;
        results += (r['results'] as unknown[] | undefined)?.length ?? 0;
        if (a.headers['warning']) refused.push(`${ns ?? '(cluster)'}: warning ${String(a.headers['warning'])}`);
      } else refused.push(`${ns ?? '(cluster)'}: HTTP ${a.status}: ${a.body.slice(0, 300)}`);
    });
    return {
      valid: refused.length === 0 && accepted === reports.length,
      detail: `${accepted}/${reports.length} reports (${results} results) accepted by kube-apiserver dry run${refused.length ? `; refused: ${refused.slice(0, 3).join(' | ')}` : ''}`,
    };
  } finally {
    await cluster.stop();
  }
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      objects: { type: 'string', default: '44000' },
      namespaces: { type: 'string' },
      seed: { type: 'string', default: '1' },
      input: { type: 'string' },
      trestle: { type: 'string', default: join(REPO, '.cache', 'venv-oscal', 'bin', 'trestle') },
      'no-write': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const objects = Number(values.objects);
  const namespaces = Number(values.namespaces ?? Math.max(10, Math.round(objects / 100)));
  const work = await mkdtemp(join(tmpdir(), 'palisade-formats-'));
  try {
    const input = values.input ?? join(work, 'input');
    const generator = ['benchmarks/generate.ts', '--objects', String(objects), '--namespaces', String(namespaces), '--seed', values.seed, '--out', input, '--format', 'yaml'];
    if (!values.input) {
      log(`generating: node ${generator.join(' ')}`);
      await execa(NODE, generator, { cwd: REPO });
    }
    const out = join(work, 'scan');
    const scanArgs = ['scan', '--from', input, '--format', FORMATS.join(','), '--output-dir', out];
    log(`palisade ${scanArgs.join(' ')}`);
    // Exit 3 = incomplete: the generated Nodes have no kubelet configuration to read offline.
    const scan = await palisade(scanArgs);
    if (![0, 1, 3].includes(scan.exitCode)) throw new Error(`scan exited ${scan.exitCode}:\n${scan.stderr.slice(-2000)}`);
    log(`scan: exit ${scan.exitCode}, ${scan.wallSeconds} s wall, ${scan.cpuSeconds} s CPU, ${scan.maxRssMiB} MiB peak RSS`);

    const file = (ext: string): string => join(out, `palisade.${ext}`);
    const checks: Check[] = [];
    checks.push(await timed('json', file('json'), 'docs/scan-result.schema.json (ajv)', () => checkJson(file('json'))));
    checks.push(await timed('sarif', file('sarif'), 'SARIF 2.1.0 schema (ajv)', () => checkSarif(file('sarif'))));
    checks.push(await timed('junit', file('junit.xml'), 'strict XML parse (saxes)', () => checkJunit(file('junit.xml'))));
    checks.push(await timed('csv', file('csv'), 'csv-parse', () => checkCsv(file('csv'))));
    checks.push(await timed('oscal', file('oscal.json'), 'compliance-trestle validate', () => checkOscal(file('oscal.json'), values.trestle, work)));
    checks.push(await timed('policyreport', file('policyreport.yaml'), 'kube-apiserver dry run, wgpolicyk8s.io CRDs', () => checkPolicyReports(file('policyreport.yaml'), work)));

    const again = join(work, 'again');
    const reportArgs = ['report', '--from-result', file('json'), '--format', FORMATS.join(','), '--output-dir', again];
    log(`palisade ${reportArgs.join(' ')}`);
    const report = await palisade(reportArgs);
    const files = (await readdir(out)).sort();
    const differing: string[] = [];
    for (const f of files) if (!(await readFile(join(out, f))).equals(await readFile(join(again, f)))) differing.push(f);
    log(`report --from-result: exit ${report.exitCode}, ${report.cpuSeconds} s CPU, ${report.maxRssMiB} MiB; ${files.length - differing.length}/${files.length} files byte-identical${differing.length ? `; DIFFER: ${differing.join(', ')}` : ''}`);

    const sizes: Record<string, number> = {};
    for (const f of files) sizes[f] = (await stat(join(out, f))).size;
    const summary = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavg: loadavg().map((l) => round(l)), node: process.version },
      input: values.input ? { dir: values.input } : { objects, namespaces, seed: Number(values.seed), generator: `node ${generator.join(' ').replace(input, 'DIR')}` },
      scan: { command: `palisade ${scanArgs.join(' ').replace(input, 'DIR').replace(out, 'OUT')}`, exitCode: scan.exitCode, wallSeconds: scan.wallSeconds, cpuSeconds: scan.cpuSeconds, maxRssMiB: scan.maxRssMiB },
      sizes,
      checks: checks.map((c) => ({ ...c, file: c.file.slice(out.length + 1) })),
      reRender: { command: 'palisade report --from-result OUT/palisade.json --format (all) --output-dir AGAIN', exitCode: report.exitCode, cpuSeconds: report.cpuSeconds, maxRssMiB: report.maxRssMiB, identical: files.length - differing.length, files: files.length, differing },
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`\n| format | file | size | validator | verdict | validation s | detail |\n|---|---|---|---|---|---|---|\n`);
    for (const c of summary.checks) process.stdout.write(`| ${c.format} | ${c.file} | ${(c.bytes / 1048576).toFixed(1)} MiB | ${c.validator} | ${c.valid ? 'valid' : '**INVALID**'} | ${c.seconds} | ${c.detail} |\n`);
    if (!values['no-write']) {
      const target = join(REPO, 'benchmarks', 'results', `validate-formats-${values.input ? basename(resolve(values.input)) : `${Math.round(objects / 1000)}k`}.json`);
      await writeFile(target, `${JSON.stringify(summary, null, 2)}\n`);
      log(`wrote ${target}`);
    }
    if (checks.some((c) => !c.valid) || differing.length > 0) process.exitCode = 1;
  } finally {
    if (values.keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    await main();
  } catch (err) {
    process.stderr.write(`bench:formats: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
