/**
 * Offline-scan benchmarks of the BUILT CLI (dist/cli/main.js), run as a child process: what a user runs.
 *
 *   npm run bench                                   # build, then every default scenario, 3 runs each
 *   npm run bench -- --scenario offline-10k --runs 5
 *   npm run bench -- --list
 *   node benchmarks/run.ts --cli /other/checkout/dist/cli/main.js   # measure another build (no rebuild)
 *
 * For each scenario: generate the input into .cache/bench/ if missing (benchmarks/generate.ts, seeded),
 * then run `palisade scan --from INPUT --format json --output /dev/null` N times. Wall time is
 * measured around the child process. Peak RSS comes from GNU time (`/usr/bin/time -v`, the child's
 * maximum resident set size), or else from the child's own process.resourceUsage().maxRSS.
 * The baseline "raw parse" (benchmarks/raw-parse.mjs: read + JSON.parse or YAML parse, no rules) is
 * measured the same way; scan/baseline gives the ratio of performance.md §7.
 * Results: a table on stdout and benchmarks/results/<scenario>.json.
 *
 * A standalone Node 24 script (native type stripping): no imports from src/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
let CLI = join(REPO, 'dist', 'cli', 'main.js');
const CACHE = join(REPO, '.cache', 'bench');
const RESULTS = join(REPO, 'benchmarks', 'results');
const GNU_TIME = '/usr/bin/time';
const NODE = process.execPath;

interface Scenario {
  name: string;
  description: string;
  /** Run when no --scenario is given. */
  byDefault: boolean;
  generate: string[];
  format: 'json' | 'yaml';
}

const SCENARIOS: Scenario[] = [
  { name: 'offline-1k', description: '1,000 objects, 10 namespaces, JSON List', byDefault: true, generate: ['--objects', '1000', '--namespaces', '10'], format: 'json' },
  { name: 'offline-10k', description: '10,000 objects, 100 namespaces, JSON List', byDefault: true, generate: ['--objects', '10000', '--namespaces', '100'], format: 'json' },
  { name: 'offline-10k-yaml', description: 'the same 10,000 objects as multi-document YAML', byDefault: true, generate: ['--objects', '10000', '--namespaces', '100'], format: 'yaml' },
  { name: 'tenancy-1000ns', description: '1,000 namespaces, 10,000 pods, 3,000 NetworkPolicies (~21k objects), JSON List (opt-in: slow)', byDefault: false, generate: ['--namespaces', '1000', '--pods', '10000', '--netpols', '3000'], format: 'json' },
];

interface Sample {
  wallSeconds: number;
  /** User + system CPU of the child: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  maxRssMiB: number;
  exitCode: number;
}

interface Measured {
  runs: Sample[];
  median: { wallSeconds: number; cpuSeconds: number; maxRssMiB: number };
  min: { wallSeconds: number; cpuSeconds: number; maxRssMiB: number };
  max: { wallSeconds: number; cpuSeconds: number; maxRssMiB: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs `node ARGS` once and returns wall time, peak RSS and exit code. */
async function measure(args: string[], okExit: readonly number[]): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-bench-'));
  const timeFile = join(dir, 'time.txt');
  const useGnuTime = existsSync(GNU_TIME);
  const rssProbe = "process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('PALISADE_BENCH_MAXRSS_KB='+u.maxRSS+' PALISADE_BENCH_CPU_US='+(u.userCPUTime+u.systemCPUTime)+'\\n')})";
  const [file, argv] = useGnuTime
    ? [GNU_TIME, ['-v', '-o', timeFile, NODE, ...args]]
    : [NODE, ['--import', `data:text/javascript,${encodeURIComponent(rssProbe)}`, ...args]];
  const t0 = process.hrtime.bigint();
  const child = await execa(file, argv, { reject: false, cwd: REPO, stdout: 'ignore', stderr: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const exitCode = child.exitCode ?? -1;
  let rssKb: number | undefined;
  let cpuSeconds = Number.NaN;
  if (useGnuTime) {
    const report = await readFile(timeFile, 'utf8').catch(() => '');
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    rssKb = m ? Number(m[1]) : undefined;
    const user = /User time \(seconds\): ([\d.]+)/.exec(report);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(report);
    if (user && sys) cpuSeconds = Number(user[1]) + Number(sys[1]);
  } else {
    const m = /PALISADE_BENCH_MAXRSS_KB=(\d+) PALISADE_BENCH_CPU_US=(\d+)/.exec(String(child.stderr));
    rssKb = m ? Number(m[1]) : undefined;
    if (m) cpuSeconds = Number(m[2]) / 1e6;
  }
  await rm(dir, { recursive: true, force: true });
  if (!okExit.includes(exitCode)) {
    throw new Error(`node ${args.join(' ')} exited ${exitCode}:\n${String(child.stderr).split('\n').slice(-15).join('\n')}`);
  }
  if (rssKb === undefined) throw new Error(`no peak RSS reported for node ${args.join(' ')}`);
  return { wallSeconds, cpuSeconds, maxRssMiB: rssKb / 1024, exitCode };
}

async function measureN(args: string[], runs: number, okExit: readonly number[]): Promise<Measured> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure(args, okExit));
  const walls = samples.map((s) => s.wallSeconds);
  const rss = samples.map((s) => s.maxRssMiB);
  const cpu = samples.map((s) => s.cpuSeconds);
  return {
    runs: samples.map((s) => ({ wallSeconds: round(s.wallSeconds), cpuSeconds: round(s.cpuSeconds), maxRssMiB: round(s.maxRssMiB, 1), exitCode: s.exitCode })),
    median: { wallSeconds: round(median(walls)), cpuSeconds: round(median(cpu)), maxRssMiB: round(median(rss), 1) },
    min: { wallSeconds: round(Math.min(...walls)), cpuSeconds: round(Math.min(...cpu)), maxRssMiB: round(Math.min(...rss), 1) },
    max: { wallSeconds: round(Math.max(...walls)), cpuSeconds: round(Math.max(...cpu)), maxRssMiB: round(Math.max(...rss), 1) },
  };
}

async function ensureInput(s: Scenario): Promise<string> {
  await mkdir(CACHE, { recursive: true });
  const file = join(CACHE, `${[...s.generate, '--seed', '1'].join('').replace(/--/g, '_').replace(/^_/, '')}.${s.format}`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${relative(REPO, file)} ...\n`);
    await execa(NODE, [join(REPO, 'benchmarks', 'generate.ts'), ...s.generate, '--seed', '1', '--out', file], { stdio: 'inherit' });
  }
  return file;
}

interface ScanSummary {
  objects: number;
  results: number;
  failures: number;
  rulesRun: number;
  incomplete: boolean;
  scannerDurationSeconds: number | undefined;
  exitCode: number;
}

/** One untimed scan to a file, to report what the timed runs did (objects, results, rules). */
async function inspect(input: string): Promise<ScanSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-bench-'));
  const out = join(dir, 'result.json');
  const child = await execa(NODE, [CLI, 'scan', '--from', input, '--format', 'json', '--output', out], { reject: false, cwd: REPO });
  const report = JSON.parse(await readFile(out, 'utf8')) as {
    durationSeconds?: number; incomplete?: boolean;
    summary?: { objects?: { total?: number; scanned?: number } | number };
    results?: { rule: string; status: string }[];
    rules?: unknown[];
  };
  await rm(dir, { recursive: true, force: true });
  const results = report.results ?? [];
  const objects = report.summary?.objects;
  return {
    objects: typeof objects === 'number' ? objects : objects?.total ?? objects?.scanned ?? -1,
    results: results.length,
    failures: results.filter((r) => r.status === 'fail').length,
    rulesRun: report.rules?.length ?? new Set(results.map((r) => r.rule)).size,
    incomplete: report.incomplete === true,
    scannerDurationSeconds: report.durationSeconds,
    exitCode: child.exitCode ?? -1,
  };
}

async function countObjects(input: string, format: Scenario['format']): Promise<number> {
  const { stdout } = await execa(NODE, [join(REPO, 'benchmarks', 'raw-parse.mjs'), input, format]);
  return Number(stdout.trim());
}

async function machine(): Promise<Record<string, unknown>> {
  const commit = await execa('git', ['rev-parse', '--short', 'HEAD'], { cwd: dirname(CLI), reject: false });
  const rules = await execa(NODE, [CLI, 'rules', '--format', 'json'], { cwd: REPO, reject: false });
  let ruleCount: number | undefined;
  try {
    ruleCount = (JSON.parse(String(rules.stdout)) as unknown[]).length;
  } catch {
    ruleCount = undefined;
  }
  const version = await execa(NODE, [CLI, 'version'], { cwd: REPO, reject: false });
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    palisade: String(version.stdout).trim(),
    cli: relative(REPO, CLI) || CLI,
    commit: String(commit.stdout).trim(),
    rulesRegistered: ruleCount,
    rssMethod: existsSync(GNU_TIME) ? '/usr/bin/time -v (maximum resident set size of the child)' : 'process.resourceUsage().maxRSS in the child',
  };
}

interface ResultFile {
  scenario: string;
  date: string;
  loadAverage1m?: number;
  input: { objects: number; bytes: number };
  scan: { median: { wallSeconds: number; cpuSeconds: number; maxRssMiB: number }; objectsPerSecond: number; runs: unknown[] };
  rawParse: { median: { wallSeconds: number; cpuSeconds: number; maxRssMiB: number } };
  ratio: { time: number; cpu?: number; rss: number };
  output: { results: number; failures: number; rulesRun: number };
  machine: { commit?: string; rulesRegistered?: number };
}

/** Rewrites the block between the RESULTS markers of benchmarks/README.md from every results file. */
async function updateReadme(): Promise<void> {
  const readme = join(REPO, 'benchmarks', 'README.md');
  const text = await readFile(readme, 'utf8').catch(() => undefined);
  if (text === undefined || !text.includes('<!-- RESULTS:BEGIN -->')) return;
  // Only this runner's files: other benchmarks (tenancy.ts) write their own shapes beside them.
  const ours = new Set(SCENARIOS.map((s) => `${s.name}.json`));
  const files = (await readdir(RESULTS)).filter((f) => ours.has(f)).sort();
  const rows: string[] = [
    '| scenario | objects | input | wall s | CPU s | peak RSS | objects/s | raw parse CPU s / RSS | CPU ×raw | RSS ×raw | results (fail) | rules | commit, date, load |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of files) {
    const r = JSON.parse(await readFile(join(RESULTS, f), 'utf8')) as ResultFile;
    rows.push(`| ${r.scenario} | ${r.input.objects.toLocaleString('en')} | ${(r.input.bytes / 2 ** 20).toFixed(1)} MiB | ${r.scan.median.wallSeconds.toFixed(2)} | ${r.scan.median.cpuSeconds.toFixed(2)} | ${r.scan.median.maxRssMiB.toFixed(0)} MiB | ${r.scan.objectsPerSecond.toLocaleString('en')} | ${r.rawParse.median.cpuSeconds.toFixed(2)} s / ${r.rawParse.median.maxRssMiB.toFixed(0)} MiB | ${r.ratio.cpu?.toFixed(1) ?? '-'}× | ${r.ratio.rss.toFixed(1)}× | ${r.output.results.toLocaleString('en')} (${r.output.failures.toLocaleString('en')}) | ${r.output.rulesRun} | ${r.machine.commit ?? '?'}, ${r.date.slice(0, 16).replace('T', ' ')}, ${r.loadAverage1m ?? '?'} |`);
  }
  const note = "Medians of the runs in each results file. Wall and CPU are the scan's; the ratios are scan / raw parse.";
  const block = `<!-- RESULTS:BEGIN -->\n${rows.join('\n')}\n\n${note}\n<!-- RESULTS:END -->`;
  await writeFile(readme, text.replace(/<!-- RESULTS:BEGIN -->[\s\S]*<!-- RESULTS:END -->/, block));
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r, ri) => {
    const line = r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, scenario: { type: 'string', multiple: true }, list: { type: 'boolean' }, cli: { type: 'string' } } });
  if (values.cli) CLI = values.cli;
  if (values.list) {
    for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(18)} ${s.description}${s.byDefault ? '' : ' [not in the default set]'}\n`);
    return 0;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not "${values.runs}"`);
  const wanted = values.scenario ?? SCENARIOS.filter((s) => s.byDefault).map((s) => s.name);
  const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.name === w));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; see --list`);
  if (!existsSync(CLI)) throw new Error(`${relative(REPO, CLI)} is missing: run "npm run build" first (npm run bench does)`);

  const env = await machine();
  await mkdir(RESULTS, { recursive: true });
  const rows: string[][] = [['scenario', 'objects', 'input MiB', 'wall s', 'CPU s', 'peak RSS MiB', 'objects/s', 'raw wall s', 'raw CPU s', 'raw RSS MiB', 'wall ×raw', 'CPU ×raw', 'RSS ×raw', 'results']];
  for (const s of SCENARIOS.filter((x) => wanted.includes(x.name))) {
    const input = await ensureInput(s);
    const bytes = (await stat(input)).size;
    const objects = await countObjects(input, s.format);
    process.stderr.write(`${s.name}: ${objects} objects, ${runs} run(s) ...\n`);
    // Exit 1 (findings at --fail-on) cannot happen without --fail-on; 3 = incomplete is still a full scan.
    const scan = await measureN([CLI, 'scan', '--from', input, '--format', 'json', '--output', '/dev/null'], runs, [0, 1, 3]);
    const raw = await measureN([join(REPO, 'benchmarks', 'raw-parse.mjs'), input, s.format], runs, [0]);
    const summary = await inspect(input);
    const result = {
      scenario: s.name,
      description: s.description,
      date: new Date().toISOString(),
      command: `palisade scan --from ${relative(REPO, input)} --format json --output /dev/null`,
      input: { file: relative(REPO, input), bytes, objects, format: s.format, generator: `benchmarks/generate.ts ${s.generate.join(' ')} --seed 1` },
      scan: { ...scan, objectsPerSecond: Math.round(objects / scan.median.wallSeconds) },
      rawParse: raw,
      ratio: { time: round(scan.median.wallSeconds / raw.median.wallSeconds, 2), cpu: round(scan.median.cpuSeconds / raw.median.cpuSeconds, 2), rss: round(scan.median.maxRssMiB / raw.median.maxRssMiB, 2) },
      loadAverage1m: round(loadavg()[0] ?? 0, 2),
      output: summary,
      machine: env,
    };
    await writeFile(join(RESULTS, `${s.name}.json`), JSON.stringify(result, null, 2) + '\n');
    rows.push([
      s.name, String(objects), (bytes / 2 ** 20).toFixed(1), scan.median.wallSeconds.toFixed(2), scan.median.cpuSeconds.toFixed(2), scan.median.maxRssMiB.toFixed(0),
      String(result.scan.objectsPerSecond), raw.median.wallSeconds.toFixed(2), raw.median.cpuSeconds.toFixed(2), raw.median.maxRssMiB.toFixed(0),
      result.ratio.time.toFixed(2), result.ratio.cpu.toFixed(2), result.ratio.rss.toFixed(2), String(summary.results),
    ]);
  }
  await updateReadme();
  process.stdout.write(`\n${table(rows)}\n\n${env['palisade']} (${env['commit']}), ${env['rulesRegistered']} rules, ${env['node']}, ${env['cpus']}× ${env['cpu']}; peak RSS: ${env['rssMethod']}\nResults: ${relative(REPO, RESULTS)}/<scenario>.json\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
