import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { expandResult, parseResult } from '../helpers/result-json.js';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT, run } from '../../src/cli/run.js';
import type { ScanResult } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const BAD = join(ROOT, 'test/fixtures/bad-input');




let dir: string;
let privileged: string;
let clean: string;
/** Limits a scan to pss/privileged and the waiver rule, so counts do not move as rules are added. */
let only: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-cli-'));
  only = join(dir, 'only.yaml');
  await writeFile(only, "rules:\n  only: [pss/privileged, 'palisade/*']\n");
  privileged = join(dir, 'privileged.yaml');
  await writeFile(
    privileged,
    `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27, securityContext: {privileged: true}}]
`,
  );
  clean = join(dir, 'clean.yaml');
  await writeFile(clean, `apiVersion: v1\nkind: Pod\nmetadata: {name: ok, namespace: shop}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n`);
});

describe('palisade (dispatcher)', () => {
  it('version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await runCli(['version'])).toEqual({ code: 0, stdout: `palisade ${pkg.version}\n`, stderr: '' });
    expect((await runCli(['--version'])).stdout).toBe(`palisade ${pkg.version}\n`);
  });

  it('no command: usage on stderr, exit 2; help: usage on stdout, exit 0', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(EXIT.usage);
    expect(none.stderr).toContain('Usage: palisade <command>');
    const help = await runCli(['help']);
    expect(help.code).toBe(0);
    for (const c of ['scan', 'snapshot', 'rules', 'version']) expect(help.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
  });

  it('unknown command and unknown option are usage errors', async () => {
    const unknown = await runCli(['scna']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "scna"');
    const option = await runCli(['scan', '--from', clean, '--formt', 'json']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown option --formt (did you mean "--format"?)');
    expect(option.stderr).toContain('Run "palisade scan --help"');
    expect(option.stderr).not.toContain('Usage: palisade scan');
  });

  it('<command> --help prints that command\'s options', async () => {
    const r = await runCli(['scan', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--output-dir DIR');
    expect(r.stdout).toContain('Exit codes');
  });
});

describe('palisade scan: exit codes', () => {
  it('0 when the scan is complete and nothing is at/above --fail-on', async () => {
    expect((await runCli(['scan', '--from', clean])).code).toBe(0);
    expect((await runCli(['scan', '--from', privileged])).code).toBe(0); // no --fail-on: findings alone never fail
  });

  it('1 when a failure is at or above --fail-on', async () => {
    expect((await runCli(['scan', '--from', privileged, '--fail-on', 'critical'])).code).toBe(1);
    expect((await runCli(['scan', '--from', privileged, '--fail-on', 'info'])).code).toBe(1);
  });

  it('severity overrides from the config decide --fail-on', async () => {
    const config = join(dir, 'lower.yaml');
    await writeFile(config, "rules:\n  only: [pss/privileged]\n  severity:\n    pss/privileged: low\n");
    expect((await runCli(['scan', '--from', privileged, '--config', config, '--fail-on', 'high'])).code).toBe(0);
    expect((await runCli(['scan', '--from', privileged, '--config', config, '--fail-on', 'low'])).code).toBe(1);
  });

  it('2 for a bad --fail-on, a missing --from path, --from with --snapshot', async () => {
    const failOn = await runCli(['scan', '--from', clean, '--fail-on', 'severe']);
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toContain('--fail-on must be one of critical, high, medium, low, info');
    const missing = await runCli(['scan', '--from', clean, '--from', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--from ${join(dir, 'nope')}: no such file or directory`);
    expect((await runCli(['scan', '--from', clean, '--snapshot', 'x.json'])).code).toBe(2);
  });

  it('2 for --probes offline, a bad --probe-max-reviews, or one without --probes', async () => {
    const offline = await runCli(['scan', '--from', clean, '--probes']);
    expect([offline.code, offline.stderr]).toEqual([2, expect.stringContaining('--probes asks the live API server')]);
    const bad = await runCli(['scan', '--probe-max-reviews', '0', '--probes']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--probe-max-reviews 0: expected a whole number ≥ 1')]);
    const alone = await runCli(['scan', '--probe-max-reviews', '500']);
    expect([alone.code, alone.stderr]).toEqual([2, expect.stringContaining('--probe-max-reviews applies to --probes only')]);
  });

  it('2 for an invalid config, naming the key and the fix', async () => {
    const config = join(dir, 'typo.yaml');
    await writeFile(config, 'clusterName: x\nwaviers: []\n');
    const r = await runCli(['scan', '--from', clean, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${config}:2: unknown key 'waviers' at (top level): did you mean 'waivers'?`);
    expect(r.stdout).toBe('');
  });
});

describe('palisade scan: bad input', () => {
  it('malformed YAML: error names file and line, other files and documents still scanned, exit 3', async () => {
    const r = await runCli(['scan', '--from', join(BAD, 'mixed'), '--format', 'json']);
    expect(r.code).toBe(EXIT.incomplete);
    expect(r.stderr).toMatch(/02-broken\.yaml:1[45]: /); // the unclosed flow map (line 14) is noticed at end of file
    expect(r.stderr).toContain('scan incomplete');
    const result = parseResult(r.stdout);
    expect(result.incomplete).toBe(true);
    const parse = result.errors.filter((e) => e.reason === 'parse');
    expect(parse).toHaveLength(1);
    expect(parse[0]?.source).toMatch(/02-broken\.yaml$/);
    const scanned = new Set(result.results.map((x) => x.object.name));
    expect(scanned).toContain('before-the-break'); // same file, before the bad document
    expect(scanned).toContain('debug'); // another file
    expect(scanned).not.toContain('broken');
    expect(result.results.find((x) => x.object.name === 'debug' && x.rule === 'pss/privileged')?.status).toBe('fail');
  });

  it('--fail-on findings win over incomplete (1, not 3)', async () => {
    expect((await runCli(['scan', '--from', join(BAD, 'mixed'), '--fail-on', 'high'])).code).toBe(EXIT.findings);
  });

  it('documents without kind/apiVersion are counted and listed; unknown kinds are counted by kind', async () => {
    const r = await runCli(['scan', '--from', join(BAD, 'mixed'), '--format', 'json']);
    const result = parseResult(r.stdout);
    const invalid = result.errors.filter((e) => e.reason === 'invalid-object');
    expect(invalid.map((e) => e.message)).toEqual([
      expect.stringMatching(/03-not-objects\.yaml:2: skipped document: missing kind$/),
      expect.stringMatching(/03-not-objects\.yaml:6: skipped document: missing apiVersion$/),
      expect.stringMatching(/03-not-objects\.yaml:9: skipped document: a list, not an object$/),
    ]);
    expect(result.summary.objects.invalid).toBe(3);
    expect(result.summary.objects.unrecognized).toEqual({ total: 3, byKind: { Widget: 2, Certificate: 1 } });
    expect(result.results.some((x) => x.object.kind === 'Widget')).toBe(false);
  });

  it('the table lists input errors and unrecognized kinds', async () => {
    const r = await runCli(['scan', '--from', join(BAD, 'mixed')], { env: { COLUMNS: '200' } });
    expect(r.stdout).toContain('INVENTORY');
    expect(r.stdout).toMatch(/4 input error\(s\):/);
    expect(r.stdout).toContain('3 object(s) of kinds no rule checks (counted, not evaluated): Widget 2, Certificate 1');
  });

  it('empty input: a clear message, no report, exit 3 (never a score of 100)', async () => {
    const r = await runCli(['scan', '--from', join(BAD, 'empty'), '--format', 'json']);
    expect(r.code).toBe(EXIT.incomplete);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no Kubernetes objects found');
  });
});

describe('palisade scan: formats and outputs', () => {
  it('json is the versioned ScanResult', async () => {
    const r = await runCli(['scan', '--from', privileged, '--config', only, '--format', 'json']);
    const result = parseResult(r.stdout);
    expect(result.schemaVersion).toBe('2.1');
    expect(result.source).toEqual({ mode: 'offline', location: privileged });
    expect(result.summary.counts.fail).toBe(1);
  });

  it('an unknown format is a usage error listing the formats', async () => {
    const r = await runCli(['scan', '--from', clean, '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown format "yaml"; available: table, json(, |\n)/);
  });

  it('--output-dir writes palisade.<ext> per format; --output takes one format only', async () => {
    const out = join(dir, 'reports', 'nested');
    const r = await runCli(['scan', '--from', privileged, '--config', only, '--format', 'table,json', '--output-dir', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(await readFile(join(out, 'palisade.txt'), 'utf8')).toContain('FAILING RULES');
    expect((parseResult(await readFile(join(out, 'palisade.json'), 'utf8'))).summary.counts.fail).toBe(1);
    expect((await runCli(['scan', '--from', clean, '--format', 'table,json'])).code).toBe(2);
    expect((await runCli(['scan', '--from', clean, '--format', 'table', '--format', 'json', '--output', join(dir, 'x')])).code).toBe(2);
    const single = join(dir, 'single.json');
    expect((await runCli(['scan', '--from', clean, '--format', 'json', '--output', single])).code).toBe(0);
    expect((parseResult(await readFile(single, 'utf8'))).results.length).toBeGreaterThan(0);
  });

  it('table: failing rules worst first with object counts and titles', async () => {
    const r = await runCli(['scan', '--from', privileged, '--config', only]);
    expect(r.stdout).toMatch(/^Palisade \S+ · offline scan of /);
    expect(r.stdout).toMatch(/Score\s+0\.0 \/ 100/);
    expect(r.stdout).toMatch(/critical\s+1\s+pss\/privileged {2}Containers must not run privileged\n {4}Deployment\/shop\/web\n/);
    expect(r.stdout).toMatch(/shop\s+unassigned\s+0\.0\s+1\s+1/);
  });

  it('colors only on a TTY with NO_COLOR unset', async () => {
    const esc = '\u001b[';
    expect((await runCli(['scan', '--from', privileged], { tty: true })).stdout).toContain(esc);
    expect((await runCli(['scan', '--from', privileged], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await runCli(['scan', '--from', privileged], { tty: false })).stdout).not.toContain(esc);
    const file = join(dir, 'tty.txt');
    await runCli(['scan', '--from', privileged, '--output', file], { tty: true });
    expect(await readFile(file, 'utf8')).not.toContain(esc);
  });
});

describe('palisade scan: waivers', () => {
  it('config waivers turn fails into waived results and expired ones are findings', async () => {
    const config = join(dir, 'waivers.yaml');
    await writeFile(
      config,
      `rules:
  only: [pss/privileged, 'palisade/*']
waivers:
  - {rule: pss/privileged, namespace: shop, name: web, reason: vendor image, approver: jane, ticket: SEC-1}
  - {rule: 'pss/*', namespace: gone, reason: old exception, expires: 2020-01-01}
`,
    );
    const r = await runCli(['scan', '--from', privileged, '--config', config, '--format', 'json', '--fail-on', 'critical']);
    expect(r.code).toBe(0); // the only critical is waived; the expired waiver is medium
    const result = parseResult(r.stdout);
    const waived = result.results.find((x) => x.rule === 'pss/privileged');
    expect(waived?.status).toBe('waived');
    expect(waived?.waiver).toMatchObject({ reason: 'vendor image', approver: 'jane', ticket: 'SEC-1', source: 'config' });
    const expired = result.results.find((x) => x.rule === 'palisade/waiver-expired');
    expect(expired?.status).toBe('fail');
    expect(expired?.message).toContain('expired on 2020-01-01');
    expect((await runCli(['scan', '--from', privileged, '--config', config, '--fail-on', 'medium'])).code).toBe(1);
  });
});

describe('palisade snapshot / scan --snapshot', () => {
  it('a saved snapshot (plain or .gz) scans exactly like its source', async () => {
    for (const name of ['snap.json', 'snap.json.gz']) {
      const file = join(dir, name);
      const saved = await runCli(['snapshot', '--from', join(BAD, 'mixed'), '--output', file]);
      expect(saved.code).toBe(EXIT.incomplete); // the source had errors; the snapshot keeps them
      expect(saved.stderr).toContain(`wrote 6 objects to ${file}`);
      const bytes = await readFile(file);
      expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(name.endsWith('.gz'));
      const direct = parseResult((await runCli(['scan', '--from', join(BAD, 'mixed'), '--format', 'json'])).stdout);
      const replay = await runCli(['scan', '--snapshot', file, '--format', 'json']);
      expect(replay.code).toBe(EXIT.incomplete);
      const replayed = parseResult(replay.stdout);
      expect(replayed.source.mode).toBe('snapshot');
      expect(replayed.results).toEqual(direct.results);
      expect(replayed.errors).toEqual(direct.errors);
      expect(replayed.summary.score).toBe(direct.summary.score);
    }
  });

  it('snapshot needs --output', async () => {
    const r = await runCli(['snapshot', '--from', clean]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output FILE is required');
  });

  it('corrupt, foreign or unknown-version snapshot files are clear errors, exit 2', async () => {
    const cases: [string, string | Buffer, string][] = [
      ['garbage.json', '{not json', 'not valid JSON'],
      ['truncated.json.gz', gzipSync('{"a":1}').subarray(0, 12), 'corrupt gzip data'],
      ['list.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }), 'kind is "List", expected "Snapshot"'],
      ['future.json', JSON.stringify({ apiVersion: 'palisade.dev/v9', kind: 'Snapshot', objects: [] }), 'unsupported apiVersion "palisade.dev/v9"'],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      await writeFile(file, content);
      const r = await runCli(['scan', '--snapshot', file]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain(`snapshot ${file}: ${message}`);
    }
    const missing = await runCli(['scan', '--snapshot', join(dir, 'absent.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('palisade rules', () => {
  it('--format json lists every registered rule with references', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; title: string; severity: string; family: string; references: unknown[]; description: string; remediation: string }[];
    expect(list.map((x) => x.id).sort()).toEqual(RULES.map((x) => x.meta.id).sort());
    const priv = list.find((x) => x.id === 'pss/privileged');
    expect(priv).toMatchObject({ family: 'pss', severity: 'critical' });
    expect(priv?.references).toContainEqual({ framework: 'CIS', id: '1.12 §5.2.2' });
    for (const x of list) for (const k of ['id', 'title', 'severity', 'family', 'references', 'description', 'remediation']) expect(x).toHaveProperty(k);
  });

  it('table lists one rule per line and a bad format is a usage error', async () => {
    const r = await runCli(['rules']);
    expect(r.stdout).toMatch(/^pss\/privileged\s+critical\s+Containers must not run privileged/m);
    expect(r.stdout).toContain(`${RULES.length} rules`);
    expect((await runCli(['rules', '--format', 'xml'])).code).toBe(2);
  });
});

describe('palisade scan (live source errors)', () => {
  it('--kubeconfig/--context only with a live scan', async () => {
    expect((await runCli(['scan', '--from', clean, '--context', 'x'])).code).toBe(2);
  });

  it('a kubeconfig that does not exist is a config error (2), never a crash', async () => {
    const r = await runCli(['scan', '--kubeconfig', join(dir, 'no-kubeconfig')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot scan the cluster');
  });
});
