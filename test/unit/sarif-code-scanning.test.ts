/**
 * SARIF as GitHub code scanning ingests it: the official schema plus GitHub's documented rules
 * ("SARIF support for code scanning": ruleId, message.text, a physical location with an artifact
 * URI relative to the repository and region.startLine on every result, partialFingerprints; and
 * the upload limits: 20 runs per file, 25,000 results and rules per run, 1,000 locations per
 * result, 20 tags per rule). Scans the demo cluster through the CLI, in process.
 */
import { readFileSync, existsSync } from 'node:fs';
import { mkdtemp, writeFile, cp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_BASE_URL, docsBaseFromPackage, LOCAL_DOCS_BASE_URL, PACKAGE_DOCS_BASE_URL, ruleExamples } from '../../src/engine/rule-docs.js';
import { runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '../..');
const DEMO = 'examples/demo-cluster';
const schema = JSON.parse(readFileSync(join(ROOT, 'docs/schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** What GitHub's ingestion rules reject or truncate, one line per problem. */
function githubProblems(log: Sarif.Log): string[] {
  const problems: string[] = [];
  if (log.version !== '2.1.0') problems.push(`version ${log.version}`);
  if (log.runs.length > 20) problems.push(`${log.runs.length} runs > 20`);
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    if (!run.tool.driver.name) problems.push('tool.driver.name missing');
    if (rules.length > 25_000) problems.push(`${rules.length} rules > 25000`);
    if ((run.results ?? []).length > 25_000) problems.push(`${(run.results ?? []).length} results > 25000`);
    const ids = new Set(rules.map((r) => r.id));
    for (const rule of rules) {
      if (!rule.shortDescription?.text) problems.push(`${rule.id}: no shortDescription`);
      // GitHub shows help.markdown; helpUri must be absolute (SARIF §3.49.12): the published page or the packaged file.
      if (!rule.helpUri || !/^(https?|file):\/\//.test(rule.helpUri)) problems.push(`${rule.id}: no helpUri`);
      const tags = (rule.properties?.['tags'] as unknown[] | undefined) ?? [];
      if (tags.length > 20) problems.push(`${rule.id}: ${tags.length} tags > 20`);
    }
    for (const [i, r] of (run.results ?? []).entries()) {
      const where = `result ${i} (${r.ruleId})`;
      if (!r.ruleId || !ids.has(r.ruleId)) problems.push(`${where}: ruleId not among the rules`);
      if (!r.message.text) problems.push(`${where}: no message.text`);
      if (r.locations?.length !== 1) problems.push(`${where}: ${r.locations?.length ?? 0} locations, expected 1`);
      const phys = r.locations?.[0]?.physicalLocation;
      const uri = phys?.artifactLocation?.uri ?? '';
      if (uri === '') problems.push(`${where}: no physicalLocation.artifactLocation.uri`);
      if (uri.startsWith('file:') || uri.startsWith('/')) problems.push(`${where}: absolute file URI ${uri}`);
      if (uri.includes('%3Cstdin%3E')) problems.push(`${where}: stdin as a file path`);
      if (!(phys?.region?.startLine !== undefined && phys.region.startLine >= 1)) problems.push(`${where}: no region.startLine`);
      if (!r.partialFingerprints || Object.keys(r.partialFingerprints).length === 0) problems.push(`${where}: no partialFingerprints`);
    }
  }
  return problems;
}

async function sarifScan(args: string[]): Promise<Sarif.Log> {
  const r = await runCli(['scan', ...args, '--format', 'sarif']);
  expect(r.stderr).toBe('');
  const log = JSON.parse(r.stdout) as Sarif.Log;
  expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
  return log;
}

let demo: Sarif.Log;
beforeAll(async () => {
  demo = await sarifScan(['--from', DEMO]);
});

const resultsOf = (log: Sarif.Log): Sarif.Result[] => log.runs[0]?.results ?? [];
const uriOf = (r: Sarif.Result): string => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
const lineOf = (r: Sarif.Result): number => r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0;
const objectOf = (r: Sarif.Result): { kind: string; name: string; namespace?: string } => r.properties?.['object'] as { kind: string; name: string; namespace?: string };

describe('SARIF for GitHub code scanning (demo cluster)', () => {
  it('passes the schema and every GitHub ingestion rule', () => {
    expect(resultsOf(demo).length).toBeGreaterThan(100);
    expect(githubProblems(demo)).toEqual([]);
  });

  it('the checker catches what GitHub rejects', () => {
    const broken = structuredClone(demo);
    const first = broken.runs[0]!.results![0]!;
    delete first.locations![0]!.physicalLocation;
    delete broken.runs[0]!.tool.driver.rules![0]!.helpUri;
    expect(githubProblems(broken)).toEqual([`${broken.runs[0]!.tool.driver.rules![0]!.id}: no helpUri`, `result 0 (${first.ruleId}): no physicalLocation.artifactLocation.uri`, `result 0 (${first.ruleId}): no region.startLine`]);
  });

  it('every built-in rule links its generated page; the page exists', () => {
    for (const rule of demo.runs[0]!.tool.driver.rules ?? []) {
      expect(rule.helpUri?.startsWith(`${DEFAULT_DOCS_BASE_URL}/`)).toBe(true);
      const rel = (rule.helpUri ?? '').slice(DEFAULT_DOCS_BASE_URL.length + 1);
      expect(rel).toBe(`${rule.id}.md`);
      expect(existsSync(join(ROOT, 'docs/rules', rel)), rel).toBe(true);
    }
  });

  it("help.markdown (what the alert shows) carries the rule's failing and passing example", () => {
    const rule = demo.runs[0]!.tool.driver.rules?.find((r) => r.id === 'pss/host-namespaces');
    const examples = ruleExamples('pss/host-namespaces');
    expect(examples.failing).toBeDefined();
    expect(rule?.help?.markdown).toContain(`**Failing example:**\n\n\`\`\`yaml\n${examples.failing}\n\`\`\``);
    expect(rule?.help?.markdown).toContain(`**Passing example:**\n\n\`\`\`yaml\n${examples.passing}\n\`\`\``);
  });

  it('namespace-scope results point at the line of their Namespace manifest', async () => {
    const ns = resultsOf(demo).filter((r) => objectOf(r).kind === 'Namespace');
    expect(ns.length).toBeGreaterThan(0);
    for (const r of ns) {
      const lines = (await readFile(join(ROOT, uriOf(r)), 'utf8')).split('\n');
      // the located document declares this Namespace: its name appears within a few lines of the start line
      const doc = lines.slice(lineOf(r) - 1, lineOf(r) + 5).join('\n');
      expect(doc, `${r.ruleId} ${objectOf(r).name} at ${uriOf(r)}:${lineOf(r)}`).toMatch(/kind: Namespace/);
      expect(doc).toContain(`name: ${objectOf(r).name}`);
    }
  });

  it('tenant results point at the object their evidence names (the binding that grants the access)', async () => {
    const tenant = resultsOf(demo).filter((r) => r.ruleId === 'tenancy/cross-tenant-access');
    expect(tenant.length).toBeGreaterThan(0);
    for (const r of tenant) {
      expect(uriOf(r)).toMatch(/^examples\/demo-cluster\/.+\.yaml$/);
      const doc = (await readFile(join(ROOT, uriOf(r)), 'utf8')).split('\n').slice(lineOf(r) - 1, lineOf(r) + 4).join('\n');
      const named = doc.match(/kind: (\w+)[\s\S]*?name: ([\w.:-]+)/);
      expect(named, doc).not.toBeNull();
      expect(r.message.text).toContain(`${named?.[1]}/`);
      expect(r.message.text).toContain(named?.[2]);
    }
  });

  it('results nothing in the input declares get a k8s:// URI naming the object', () => {
    const cluster = resultsOf(demo).filter((r) => uriOf(r).startsWith('k8s://'));
    expect(cluster.length).toBeGreaterThan(0);
    for (const r of cluster) {
      const o = objectOf(r);
      expect(uriOf(r)).toBe(`k8s://cluster/${o.kind}/${o.namespace ? `${encodeURIComponent(o.namespace)}/` : ''}${encodeURIComponent(o.name)}`);
      expect(lineOf(r)).toBe(1);
    }
  });

  it('partialFingerprints do not move when lines shift or the scan repeats', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-sarif-'));
    await cp(join(ROOT, DEMO), join(dir, 'demo'), { recursive: true });
    const ns = join(dir, 'demo/00-cluster/namespaces.yaml');
    await writeFile(ns, '# a comment that moves every line\n\n' + (await readFile(ns, 'utf8')));
    const fp = (log: Sarif.Log) => resultsOf(log).map((r) => `${r.ruleId} ${JSON.stringify(r.partialFingerprints)}`).sort();
    const shifted = await sarifScan(['--from', join(dir, 'demo')]);
    expect(fp(shifted)).toEqual(fp(demo));
    expect(fp(await sarifScan(['--from', DEMO]))).toEqual(fp(demo));
    expect(new Set(fp(demo)).size).toBe(resultsOf(demo).length);
  });
});

describe('the default docs base URL', () => {
  it('comes from package.json repository (or a repository homepage) on GitHub or GitLab', () => {
    expect(docsBaseFromPackage({ repository: 'github:acme/palisade' })).toBe('https://github.com/acme/palisade/blob/main/docs/rules');
    expect(docsBaseFromPackage({ repository: 'acme/palisade' })).toBe('https://github.com/acme/palisade/blob/main/docs/rules');
    expect(docsBaseFromPackage({ repository: { type: 'git', url: 'git+https://github.com/acme/palisade.git' } })).toBe('https://github.com/acme/palisade/blob/main/docs/rules');
    expect(docsBaseFromPackage({ repository: { type: 'git', url: 'git@github.com:acme/mono.git', directory: 'packages/palisade' } })).toBe('https://github.com/acme/mono/blob/main/packages/palisade/docs/rules');
    expect(docsBaseFromPackage({ repository: 'https://gitlab.com/acme/sec/palisade.git' })).toBe('https://gitlab.com/acme/sec/palisade/-/blob/main/docs/rules');
    expect(docsBaseFromPackage({ homepage: 'https://github.com/acme/palisade#readme' })).toBe('https://github.com/acme/palisade/blob/main/docs/rules');
    // A homepage that is a web site says nothing about where docs/rules is published.
    expect(docsBaseFromPackage({ homepage: 'https://palisade.example' })).toBeUndefined();
    expect(docsBaseFromPackage({})).toBeUndefined();
  });

  it('without one, is the docs/rules shipped in the package (file: URL; every page exists there)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage?: unknown; repository?: unknown; files: string[] };
    expect(PACKAGE_DOCS_BASE_URL).toBe(docsBaseFromPackage(pkg));
    expect(DEFAULT_DOCS_BASE_URL).toBe(PACKAGE_DOCS_BASE_URL ?? LOCAL_DOCS_BASE_URL);
    expect(LOCAL_DOCS_BASE_URL).toBe(new URL(`file://${join(ROOT, 'docs/rules')}`).href);
    expect(pkg.files).toContain('docs');
    expect(existsSync(new URL(`${LOCAL_DOCS_BASE_URL}/pss/privileged.md`))).toBe(true);
  });
});

describe('--docs-base-url / report.docsBaseUrl', () => {
  it('the flag and the config move every helpUri; the flag wins; custom rules link the index', async () => {
    const flag = await sarifScan(['--from', DEMO, '--docs-base-url', 'https://docs.example/palisade/rules/']);
    expect(flag.runs[0]!.tool.driver.rules?.find((r) => r.id === 'pss/privileged')?.helpUri).toBe('https://docs.example/palisade/rules/pss/privileged.md');
    const dir = await mkdtemp(join(tmpdir(), 'palisade-docs-url-'));
    const config = join(dir, 'palisade.yaml');
    await writeFile(config, 'report:\n  docsBaseUrl: https://mirror.example/rules\n');
    const fromConfig = await sarifScan(['--from', DEMO, '--config', config]);
    expect(fromConfig.runs[0]!.tool.driver.rules?.find((r) => r.id === 'pss/privileged')?.helpUri).toBe('https://mirror.example/rules/pss/privileged.md');
    const both = await sarifScan(['--from', DEMO, '--config', config, '--docs-base-url', 'https://flag.example/r']);
    expect(both.runs[0]!.tool.driver.rules?.find((r) => r.id === 'pss/privileged')?.helpUri).toBe('https://flag.example/r/pss/privileged.md');
    const custom = join(ROOT, 'examples/custom-rules');
    const withCustom = await sarifScan(['--from', join(custom, 'manifests'), '--config', join(custom, 'palisade.yaml')]);
    expect(withCustom.runs[0]!.tool.driver.rules?.find((r) => r.id === 'custom/replicas-max')?.helpUri).toBe(`${DEFAULT_DOCS_BASE_URL}/README.md`);
  }, 60_000); // three CLI scans of the demo cluster

  it('a base that is not an http(s) URL is a usage error, in the flag or the config', async () => {
    const r = await runCli(['scan', '--from', DEMO, '--docs-base-url', 'docs/rules']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--docs-base-url docs/rules: expected an http(s) URL');
    const dir = await mkdtemp(join(tmpdir(), 'palisade-docs-url-'));
    await writeFile(join(dir, 'palisade.yaml'), 'report:\n  docsBaseUrl: ftp://x\n');
    expect((await runCli(['scan', '--from', DEMO, '--config', join(dir, 'palisade.yaml')])).code).toBe(2);
  });
});

describe('JUnit file attributes', () => {
  it('every test case names a file: its manifest, the causing object, or the k8s:// URI', async () => {
    const r = await runCli(['scan', '--from', DEMO, '--format', 'junit']);
    const cases = [...r.stdout.matchAll(/<testcase classname="([^"]+)" name="([^"]+)" file="([^"]*)"/g)];
    expect(cases.length).toBe((r.stdout.match(/<testcase /g) ?? []).length);
    expect(cases.length).toBeGreaterThan(100);
    for (const [, , , file] of cases) expect(file).toMatch(/^(examples\/demo-cluster\/.+\.ya?ml|k8s:\/\/.+)$/);
    const ns = cases.find(([, rule, name]) => rule === 'tenancy/compute-quota' && name?.startsWith('Namespace/'));
    expect(ns?.[3]).toBe('examples/demo-cluster/00-cluster/namespaces.yaml');
  });
});
