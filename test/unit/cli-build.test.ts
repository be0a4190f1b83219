import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The built `palisade` binary as a user runs it: exit codes come from the real process.
 * Builds dist/ with `npm run build` first (the package's bin points at dist/cli/main.js).
 */
const ROOT = join(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'dist/cli/main.js');
const BAD = join(ROOT, 'test/fixtures/bad-input');

async function palisade(...args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const r = await execa(process.execPath, [MAIN, ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '' }, stdin: 'ignore' });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

let dir: string;
beforeAll(async () => {
  const build = await execa('npm', ['run', 'build', '--silent'], { cwd: ROOT, reject: false });
  expect(build.exitCode, `npm run build failed:\n${String(build.stdout)}\n${String(build.stderr)}`).toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'palisade-bin-'));
  await writeFile(
    join(dir, 'privileged.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n  containers: [{name: c, image: nginx:1.27, securityContext: {privileged: true}}]\n',
  );
}, 300_000);

// Each test spawns Node several times; on a busy 2-core machine that takes seconds, not a timing assertion.
const SPAWN_TIMEOUT = 120_000;

describe('dist/cli/main.js module loading', () => {
  it('an offline scan never loads the Kubernetes client or the live source', async () => {
    const hook = join(dir, 'trace-imports.mjs');
    await writeFile(
      hook,
      `import { registerHooks } from 'node:module';
registerHooks({ resolve(spec, ctx, next) {
  // live/kinds.js is the table of kinds a live scan lists (pure data, no imports): rules read it offline too.
  if (spec.includes('@kubernetes/client-node') || (spec.includes('inventory/live') && !spec.endsWith('live/kinds.js'))) process.stderr.write('LOADED ' + spec + '\\n');
  return next(spec, ctx);
} });
`,
    );
    const run = (args: string[]) => execa(process.execPath, ['--import', hook, MAIN, ...args], { cwd: ROOT, reject: false, stdin: 'ignore' });
    const offline = await run(['scan', '--from', join(dir, 'privileged.yaml'), '--format', 'json']);
    expect(offline.exitCode).toBe(0);
    expect(String(offline.stderr)).not.toContain('LOADED');
    // Control: the hook does see the client when a live scan is attempted.
    const live = await run(['scan', '--kubeconfig', join(dir, 'missing-kubeconfig')]);
    expect(String(live.stderr)).toContain('LOADED');
  }, 120_000);

  it('CEL, ajv and prom-client load only for custom rules, ValidatingAdmissionPolicies, a config file or a push', async () => {
    const hook = join(dir, 'trace-policy.mjs');
    await writeFile(
      hook,
      `import { registerHooks } from 'node:module';
registerHooks({ resolve(spec, ctx, next) {
  for (const name of ['@bufbuild/cel', 'ajv', 'prom-client']) if (spec === name || spec.startsWith(name + '/')) process.stderr.write('LOADED ' + name + '\\n');
  return next(spec, ctx);
} });
`,
    );
    const run = async (args: string[]) => {
      const r = await execa(process.execPath, ['--import', hook, MAIN, ...args], { cwd: ROOT, reject: false, stdin: 'ignore' });
      return [...new Set(String(r.stderr).match(/(?<=LOADED )\S+/g) ?? [])].sort();
    };
    expect(await run(['scan', '--from', join(dir, 'privileged.yaml'), '--format', 'json'])).toEqual([]);
    // A ValidatingAdmissionPolicy in the input needs CEL; a custom rule in the config needs CEL and ajv.
    expect(await run(['scan', '--from', join(ROOT, 'test/fixtures/vap/configmap-empty-data.yaml'), '--format', 'json'])).toEqual(['@bufbuild/cel']);
    expect(await run(['scan', '--from', join(ROOT, 'examples/custom-rules/manifests'), '--config', join(ROOT, 'examples/custom-rules/palisade.yaml'), '--format', 'json'])).toEqual(['@bufbuild/cel', 'ajv']);
    // A webhook with matchConditions needs CEL to judge them (webhook-system-exemption evaluates request.namespace).
    const hooked = join(dir, 'webhook-conditions.yaml');
    await writeFile(
      hooked,
      `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
  - name: check.policy.example
    clientConfig: {service: {namespace: policy, name: webhook}}
    rules: [{apiGroups: ['*'], apiVersions: ['*'], operations: [CREATE], resources: ['*']}]
    failurePolicy: Fail
    matchConditions: [{name: not-system, expression: 'request.namespace != "kube-system"'}]
    sideEffects: None
    admissionReviewVersions: [v1]
`,
    );
    expect(await run(['scan', '--from', hooked, '--format', 'json'])).toEqual(['@bufbuild/cel']);
    // Pushing needs prom-client (the push itself fails: nothing listens there).
    expect(await run(['scan', '--from', join(dir, 'privileged.yaml'), '--pushgateway', 'http://127.0.0.1:9'])).toContain('prom-client');
  }, 120_000);

  it('scan runs in place with a 16 MiB young-generation semi-space; version starts once; a user-chosen size is kept', async () => {
    const hook = join(dir, 'report-flags.mjs');
    // The exit handler of the process that execve replaces never runs: one line per process that ends.
    await writeFile(hook, "process.on('exit', () => process.stderr.write('FLAGS ' + process.pid + ' ' + JSON.stringify(process.execArgv.filter((a) => a.includes('semi-space'))) + '\\n'));\n");
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const child = execa(process.execPath, ['--import', hook, MAIN, ...args], { cwd: ROOT, reject: false, stdin: 'ignore', env });
      const r = await child;
      return { pid: child.pid, lines: String(r.stderr).split('\n').filter((l) => l.startsWith('FLAGS ')) };
    };
    const scan = await run(['scan', '--from', join(dir, 'privileged.yaml'), '--format', 'json']);
    expect(scan.lines).toEqual([`FLAGS ${scan.pid} ["--max-semi-space-size=16"]`]);
    const version = await run(['version']);
    expect(version.lines).toEqual([`FLAGS ${version.pid} []`]);
    const chosen = await run(['scan', '--from', join(dir, 'privileged.yaml'), '--format', 'json'], { NODE_OPTIONS: '--max-semi-space-size=4' });
    expect(chosen.lines).toEqual([`FLAGS ${chosen.pid} []`]);
  }, 120_000);
});

describe('dist/cli/main.js exit codes', () => {
  it('2: an older Node.js gets one line naming the versions, not a stack trace', async () => {
    // Node 24 told it is Node 20 before main.js loads: the check runs before any other palisade module.
    const hook = join(dir, 'old-node.mjs');
    await writeFile(hook, "Object.defineProperty(process, 'version', { value: 'v20.20.2' });\n");
    const r = await execa(process.execPath, ['--import', hook, MAIN, 'scan', '--from', join(dir, 'privileged.yaml')], { cwd: ROOT, reject: false, stdin: 'ignore' });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toBe('palisade: Node.js 24 or later is required; this is Node.js v20.20.2 (install Node.js 24, or run the container image)');
    expect(String(r.stdout)).toBe('');
  }, SPAWN_TIMEOUT);

  it('0: version; a complete scan without --fail-on', async () => {
    const v = await palisade('version');
    expect(v.exitCode).toBe(0);
    expect(v.stdout).toMatch(/^palisade \d+\.\d+\.\d+/);
    expect((await palisade('scan', '--from', join(dir, 'privileged.yaml'))).exitCode).toBe(0);
  }, SPAWN_TIMEOUT);

  it('1: a failure at/above --fail-on, also when the scan is incomplete', async () => {
    expect((await palisade('scan', '--from', join(dir, 'privileged.yaml'), '--fail-on', 'critical')).exitCode).toBe(1);
    expect((await palisade('scan', '--from', join(BAD, 'mixed'), '--fail-on', 'critical')).exitCode).toBe(1);
  }, SPAWN_TIMEOUT);

  it('2: usage errors and a --from path that does not exist', async () => {
    expect((await palisade()).exitCode).toBe(2);
    expect((await palisade('scan', '--bogus')).exitCode).toBe(2);
    const missing = await palisade('scan', '--from', join(dir, 'missing'));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(join(dir, 'missing'));
  }, SPAWN_TIMEOUT);

  it('reads manifests from stdin with --from -', async () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: from-stdin, namespace: a}\nspec:\n  containers: [{name: c, image: nginx:1.27, securityContext: {privileged: true}}]\n';
    const r = await execa(process.execPath, [MAIN, 'scan', '--from', '-', '--format', 'json', '--fail-on', 'critical'], { cwd: ROOT, reject: false, input: yaml });
    expect(r.exitCode).toBe(1);
    const result = JSON.parse(String(r.stdout)) as { results: { rule: string; status: string; object: { name: string }; location?: { file: string } }[] };
    const priv = result.results.find((x) => x.rule === 'pss/privileged');
    expect(priv).toMatchObject({ status: 'fail', object: { name: 'from-stdin' }, location: { file: '<stdin>' } });
    const empty = await execa(process.execPath, [MAIN, 'scan', '--from', '-'], { cwd: ROOT, reject: false, input: '' });
    expect(empty.exitCode).toBe(3);
  }, SPAWN_TIMEOUT);

  it('--stdin-filename names stdin in the results and in SARIF; without it SARIF has no %3Cstdin%3E path', async () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: from-stdin, namespace: a}\nspec:\n  containers: [{name: c, image: nginx:1.27, securityContext: {privileged: true}}]\n';
    const sarif = async (extra: string[]) => {
      const r = await execa(process.execPath, [MAIN, 'scan', '--from', '-', ...extra, '--format', 'sarif'], { cwd: ROOT, reject: false, input: yaml });
      expect(r.exitCode).toBe(0);
      const log = JSON.parse(String(r.stdout)) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
      return log.runs[0]!.results.find((x) => x.ruleId === 'pss/privileged')!.locations[0]!.physicalLocation;
    };
    expect(await sarif(['--stdin-filename', 'deploy/pod.yaml'])).toEqual({ artifactLocation: { uri: 'deploy/pod.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    expect((await sarif([])).artifactLocation.uri).toBe('k8s://cluster/Pod/a/from-stdin');
    const noStdin = await palisade('scan', '--from', join(dir, 'privileged.yaml'), '--stdin-filename', 'x.yaml');
    expect(noStdin.exitCode).toBe(2);
    expect(noStdin.stderr).toContain('--stdin-filename names stdin: it needs --from -');
  }, SPAWN_TIMEOUT);

  it('3: malformed input and empty input', async () => {
    const mixed = await palisade('scan', '--from', join(BAD, 'mixed'), '--format', 'json');
    expect(mixed.exitCode).toBe(3);
    expect(JSON.parse(mixed.stdout)).toHaveProperty('incomplete', true);
    const empty = await palisade('scan', '--from', join(BAD, 'empty'));
    expect(empty.exitCode).toBe(3);
    expect(empty.stderr).toContain('no Kubernetes objects found');
  }, SPAWN_TIMEOUT);
});

describe('the built page worker (dist/inventory/live/page-worker.js)', () => {
  interface Decoder {
    decode(bytes: Uint8Array, apiVersion: string, kind: string): Promise<{ items: string; continue?: string } | { error: string }>;
    close(): Promise<void>;
  }
  type TrimPage = (text: string, apiVersion: string, kind: string) => { items: unknown[]; continue: string | undefined };

  it('gives the trimmed items that reading the page inline gives, and says why a page is unreadable', async () => {
    const { PageDecoder } = (await import(join(ROOT, 'dist/inventory/live/page-decoder.js'))) as { PageDecoder: { start(): Decoder | undefined } };
    const { trimPage } = (await import(join(ROOT, 'dist/inventory/live/page.js'))) as { trimPage: TrimPage };
    const pod = (i: number) => ({
      metadata: {
        name: `web-${i}`,
        namespace: 'shop',
        labels: { app: 'web', 'pod-template-hash': 'abc' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Pod"}', note: 'ü ✓' },
        managedFields: [{ manager: 'kube-controller-manager', fieldsV1: { 'f:spec': {} } }],
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: `u${i}`, controller: true }],
      },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { limits: { cpu: 0.5, memory: '64Mi' } }, securityContext: { privileged: i % 2 === 0 } }] },
      status: { phase: 'Running', podIP: `10.0.0.${i}`, conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', ready: true }] },
    });
    const body = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '9', continue: 'next' }, items: [...Array.from({ length: 50 }, (_, i) => pod(i)), 7, { spec: {} }] });
    const decoder = PageDecoder.start();
    expect(decoder, 'PageDecoder.start() found no worker module in dist/').toBeDefined();
    try {
      const decoded = await decoder!.decode(Buffer.from(body, 'utf8'), 'v1', 'Pod');
      if ('error' in decoded) throw new Error(`worker: ${decoded.error}`);
      const inline = trimPage(body, 'v1', 'Pod');
      expect(inline.items).toHaveLength(50);
      expect(decoded.continue).toBe('next');
      // Same objects, same key order (the interner's sharing depends on it).
      expect(decoded.items).toBe(JSON.stringify(inline.items));
      const bad = await decoder!.decode(Buffer.from('{"items":[', 'utf8'), 'v1', 'Pod');
      expect(bad).toHaveProperty('error');
      expect((bad as { error: string }).error).toMatch(/JSON/);
    } finally {
      await decoder!.close();
    }
  }, SPAWN_TIMEOUT);
});
