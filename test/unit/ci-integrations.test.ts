/**
 * The CI integrations run as written: the GitHub Action's scan step and the GitLab job's script
 * are executed with bash against the built CLI (dist/), the pre-commit hook's entry and file
 * pattern are checked. (The upload to code scanning and the runners themselves are GitHub's and
 * GitLab's; not exercised here.)
 */
import { mkdtemp, readFile, writeFile, chmod, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'dist/cli/main.js');
const DEMO = 'examples/demo-cluster';

interface Step {
  id?: string;
  name?: string;
  run?: string;
  env?: Record<string, string>;
  uses?: string;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
}

let action: Action;
beforeAll(async () => {
  const build = await execa('npm', ['run', 'build', '--silent'], { cwd: ROOT, reject: false });
  expect(build.exitCode, String(build.stderr)).toBe(0);
  action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as Action;
}, 300_000);

/** Runs the action's "Scan" step as the runner would, inputs substituted into its env. */
/** The runner's `github` context for a workflow that uses the action as `acme/palisade@v1`. */
const GITHUB_CONTEXT: Record<string, string> = { server_url: 'https://github.com', action_repository: 'acme/palisade', action_ref: 'v1' };

async function runScanStep(inputs: Record<string, string>, github: Record<string, string> = GITHUB_CONTEXT): Promise<{ code: number; stdout: string; outputs: string; sarif: string }> {
  const step = action.runs.steps.find((s) => s.id === 'scan');
  if (!step?.run || !step.env) return expect.fail('no scan step');
  const dir = await mkdtemp(join(tmpdir(), 'palisade-action-'));
  const output = join(dir, 'github-output');
  await writeFile(output, '');
  const value = (name: string): string => inputs[name] ?? action.inputs[name]?.default ?? '';
  const env: Record<string, string> = { GITHUB_OUTPUT: output, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
  for (const [k, v] of Object.entries(step.env)) {
    env[k] = v.replace(/\$\{\{ github\.action_path \}\}\/dist\/cli\/main\.js/, MAIN).replace(/^\$\{\{ inputs\.([\w-]+) \}\}$/, (_m, name: string) => value(name))
      .replace(/\$\{\{ github\.(\w+) \}\}/g, (_m, name: string) => github[name] ?? '');
  }
  env['INPUT_SARIF'] = join(dir, value('sarif-file'));
  // `node` must be Node 24: the devDependency's binary is first on PATH.
  const r = await execa('bash', ['-e', '-c', step.run], { cwd: ROOT, env, reject: false });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), outputs: await readFile(output, 'utf8'), sarif: existsSync(env['INPUT_SARIF']) ? await readFile(env['INPUT_SARIF'], 'utf8') : '' };
}

describe('action.yml (composite GitHub Action)', () => {
  it('is a composite action whose steps only reference declared inputs, and uploads with upload-sarif', async () => {
    expect(action.runs.using).toBe('composite');
    const text = await readFile(join(ROOT, 'action.yml'), 'utf8');
    for (const [, name] of text.matchAll(/inputs\.([\w-]+)/g)) expect(Object.keys(action.inputs)).toContain(name);
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  it('the scan step writes the table to the log, SARIF to the file, and the exit code as an output', async () => {
    const r = await runScanStep({ path: DEMO, 'fail-on': 'critical' });
    expect(r.code).toBe(0); // the gate is a later step: the SARIF upload runs first
    expect(r.outputs).toBe('exit-code=1\n');
    expect(r.stdout).toContain('FAILING RULES');
    expect(r.stdout).toMatch(/Verdict: exit 1: \d+ failure\(s\) at or above --fail-on critical/);
    const sarif = JSON.parse(r.sarif) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
  }, 120_000);

  it("SARIF helpUris link the action's own repository at its ref; without one, the packaged docs", async () => {
    const helpUri = (sarif: string): string | undefined =>
      (JSON.parse(sarif) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] }).runs[0]?.tool.driver.rules.find((r) => r.id === 'pss/privileged')?.helpUri;
    const tagged = await runScanStep({ path: `${DEMO}/kube-system`, 'fail-on': '' });
    expect(helpUri(tagged.sarif)).toBe('https://github.com/acme/palisade/blob/v1/docs/rules/pss/privileged.md');
    // A local action (uses: ./) has no action_repository: the default applies.
    const local = await runScanStep({ path: `${DEMO}/kube-system`, 'fail-on': '' }, { server_url: 'https://github.com' });
    expect(helpUri(local.sarif)).toMatch(/^(https:\/\/|file:\/\/).*\/docs\/rules\/pss\/privileged\.md$/);
    expect(helpUri(local.sarif)).not.toContain('acme');
    // The docs-base-url input wins over the action's repository.
    const own = await runScanStep({ path: `${DEMO}/kube-system`, 'fail-on': '', 'docs-base-url': 'https://docs.example.com/palisade/rules' });
    expect(helpUri(own.sarif)).toBe('https://docs.example.com/palisade/rules/pss/privileged.md');
  }, 120_000);

  it('no gate tripped: exit-code 0; extra-args reach the scan', async () => {
    const r = await runScanStep({ path: DEMO, 'fail-on': '', 'extra-args': '--rule pss/privileged --exclude-namespace kube-system' });
    expect(r.outputs).toBe('exit-code=0\n');
    expect(r.stdout).toContain('Selection: excluding kube-system');
  }, 120_000);
});

describe('GitLab CI template', () => {
  it('the job script runs: table in the log, JUnit for the test report, exit code from the gate', async () => {
    const doc = parse(await readFile(join(ROOT, 'ci/gitlab/palisade.gitlab-ci.yml'), 'utf8')) as {
      variables: Record<string, string>;
      palisade: { script: string[]; artifacts: { reports: { junit: string } } };
    };
    const dir = await mkdtemp(join(tmpdir(), 'palisade-gitlab-'));
    // `palisade` on PATH is the built CLI (what `npm install --global` gives); the install line is skipped.
    const bin = join(dir, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'palisade'), `#!/bin/sh\nexec node ${MAIN} "$@"\n`);
    await chmod(join(bin, 'palisade'), 0o755);
    const script = doc.palisade.script.filter((l) => !l.startsWith('npm install')).join('\n');
    const env = { ...doc.variables, PALISADE_PATHS: join(ROOT, DEMO), PALISADE_FAIL_ON: 'critical', PATH: `${bin}:${join(ROOT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
    const r = await execa('bash', ['-e', '-c', script], { cwd: dir, env, reject: false });
    expect(r.exitCode).toBe(1);
    expect(String(r.stdout)).toContain('Verdict: exit 1');
    const junit = await readFile(join(dir, doc.palisade.artifacts.reports.junit), 'utf8');
    expect(junit).toMatch(/<testcase classname="pss\/privileged" name="[^"]+" file="[^"]+"/);
  }, 120_000);
});

describe('.pre-commit-hooks.yaml', () => {
  it('runs palisade scan on the staged manifests only', async () => {
    const [hook] = parse(await readFile(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; pass_filenames: boolean; language: string }[];
    expect(hook).toMatchObject({ id: 'palisade', language: 'node', pass_filenames: true });
    const files = new RegExp(hook!.files);
    for (const f of ['k8s/app.yaml', 'deploy/prod/svc.yml', 'manifests/x.json']) expect(files.test(f), f).toBe(true);
    for (const f of ['.github/workflows/ci.yml', 'values.yaml', 'src/app.ts']) expect(files.test(f), f).toBe(false);
    // the entry with file names appended, as pre-commit calls it
    const [cmd, ...args] = hook!.entry.split(' ');
    expect(cmd).toBe('palisade');
    const r = await execa(process.execPath, [MAIN, ...args, `${DEMO}/default/workloads.yaml`, `${DEMO}/kube-system`], { cwd: ROOT, reject: false });
    expect(r.exitCode).toBe(1); // kube-system runs privileged pods
    expect(String(r.stdout)).toMatch(/Verdict: exit 1: \d+ failure\(s\) at or above --fail-on high/);
    expect(String(r.stdout).replace(/\s+/g, '')).toContain(`offlinescanof${DEMO}/default/workloads.yaml,${DEMO}/kube-system`);
  }, 120_000);
});

describe('npm pack builds dist (pre-commit installs the hook with npm pack)', () => {
  it('package.json has a prepack build and ships dist', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[]; bin: Record<string, string> };
    expect(pkg.scripts['prepack']).toBe('npm run build');
    expect(pkg.files).toContain('dist');
    expect(pkg.bin['palisade']).toBe('dist/cli/main.js');
  });
});
