import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseResult } from '../helpers/result-json.js';
import { runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'examples/demo-cluster');

interface Row {
  rule: string;
  status: string;
  object: { kind: string; name: string; namespace?: string };
}

async function scan(args: string[]): Promise<{ code: number; stderr: string; rows: Row[]; result: ReturnType<typeof parseResult> }> {
  const r = await runCli(['scan', '--from', DEMO, '--format', 'json', ...args]);
  const result = parseResult(r.stdout);
  return { code: r.code, stderr: r.stderr, rows: [...result.results] as Row[], result };
}

const namespaceOf = (r: Row): string | undefined => (r.object.kind === 'Namespace' ? r.object.name : r.object.namespace);

let all: Awaited<ReturnType<typeof scan>>;
beforeAll(async () => {
  all = await scan([]);
});

describe('--namespace / --exclude-namespace / --rule', () => {
  it('--namespace: only that namespace (and cluster-scoped objects, Cluster, its Tenant) get results', async () => {
    const { rows, result, stderr } = await scan(['--namespace', 'acme-web']);
    const namespaces = new Set(rows.map(namespaceOf).filter((n) => n !== undefined));
    expect([...namespaces]).toEqual(['acme-web']);
    expect(rows.some((r) => r.object.kind === 'Cluster')).toBe(true);
    expect(rows.filter((r) => r.object.kind === 'Tenant').every((r) => r.object.name === 'acme')).toBe(true);
    // objects elsewhere are context: the same acme results as in the full scan
    const acme = (rs: Row[]) => rs.filter((r) => namespaceOf(r) === 'acme-web').map((r) => `${r.rule} ${r.object.kind}/${r.object.name} ${r.status}`).sort();
    expect(acme(rows)).toEqual(acme(all.rows));
    expect(result.source.selection).toMatchObject({ namespaces: ['acme-web'] });
    expect(result.source.selection?.excludedNamespaces).toContain('kube-system');
    expect(result.source.selection?.excludedNamespaces).not.toContain('acme-web');
    expect(stderr).toMatch(/^palisade: not evaluated \(namespace selection\): \d+ namespace\(s\): .*kube-system/m);
  });

  it('--exclude-namespace GLOB (repeatable) leaves those namespaces out', async () => {
    const { rows, result } = await scan(['--exclude-namespace', 'acme-*', '--exclude-namespace', 'kube-system']);
    const namespaces = new Set(rows.map(namespaceOf));
    expect([...namespaces].filter((n) => n?.startsWith('acme-') || n === 'kube-system')).toEqual([]);
    expect(namespaces.has('monitoring')).toBe(true);
    expect(result.source.selection?.excludedNamespaces).toEqual(expect.arrayContaining(['acme-data', 'acme-web', 'kube-system']));
    expect(rows.length).toBeLessThan(all.rows.length);
  });

  it('config namespaces.exclude does the same; the flag adds to it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-sel-'));
    const config = join(dir, 'palisade.yaml');
    await writeFile(config, 'namespaces:\n  exclude: [kube-system]\n');
    const { rows, result } = await scan(['--config', config, '--exclude-namespace', 'logging']);
    expect(rows.some((r) => namespaceOf(r) === 'kube-system' || namespaceOf(r) === 'logging')).toBe(false);
    expect(result.source.selection?.excludeNamespaces).toEqual(['kube-system', 'logging']);
  });

  it('--rule ID|GLOB runs only matching rules; an unknown one is a usage error with a suggestion', async () => {
    const { rows, result } = await scan(['--rule', 'pss/privileged', '--rule', 'rbac/*']);
    expect(new Set(rows.map((r) => r.rule.split('/')[0]))).toEqual(new Set(['pss', 'rbac']));
    expect(rows.filter((r) => r.rule.startsWith('pss/')).every((r) => r.rule === 'pss/privileged')).toBe(true);
    expect(result.source.selection).toEqual({ excludedNamespaces: [], rules: ['pss/privileged', 'rbac/*'] });
    const bad = await runCli(['scan', '--from', DEMO, '--rule', 'pss/privilegd']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rule pss/privilegd: no such rule (did you mean "pss/privileged"?)');
  });

  it('the table says what was left out', async () => {
    const r = await runCli(['scan', '--from', DEMO, '--exclude-namespace', 'kube-*'], { env: { COLUMNS: '300' } });
    expect(r.stdout).toMatch(/Selection: excluding kube-\*; not evaluated: \d+ namespace\(s\) \(.*kube-system.*\); score and coverage cover the selection only/);
  });

  it('without a selection the result has none', () => {
    expect(all.result.source.selection).toBeUndefined();
  });
});
