/**
 * The skip label (config `skip.labels`, default `palisade.dev/skip: "true"`): labelled objects and
 * the objects of labelled Namespaces get no results, stay as context for cross-object rules, and
 * the result's `source.selection` (and the table) name what was skipped.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseResult } from '../helpers/result-json.js';
import { runCli } from '../helpers/cli.js';

const deployment = (ns: string, name: string, labels = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
${labels ? `  labels:\n${labels}\n` : ''}spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: app
          image: registry.example/app:1.0
          securityContext: { privileged: true }
`;

const MANIFESTS = [
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: sandbox\n  labels:\n    palisade.dev/skip: "true"\n',
  deployment('team-a', 'web'),
  deployment('team-a', 'legacy', '    palisade.dev/skip: "true"'),
  deployment('team-a', 'other-value', '    palisade.dev/skip: "false"'),
  deployment('sandbox', 'experiment'),
  // Skipped, but still the policy that covers team-a: network/namespace-has-networkpolicy passes.
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: team-a\n  labels:\n    palisade.dev/skip: "true"\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n',
].join('---\n');

interface Row {
  rule: string;
  status: string;
  object: { kind: string; name: string; namespace?: string };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-skip-'));
  await writeFile(join(dir, 'all.yaml'), MANIFESTS);
});

async function scan(args: string[] = []): Promise<{ code: number; stderr: string; rows: Row[]; result: ReturnType<typeof parseResult> }> {
  const r = await runCli(['scan', '--from', join(dir, 'all.yaml'), '--format', 'json', ...args]);
  const result = parseResult(r.stdout);
  return { code: r.code, stderr: r.stderr, rows: [...result.results] as Row[], result };
}

const names = (rows: Row[]): string[] => [...new Set(rows.map((r) => `${r.object.kind}/${r.object.namespace ?? ''}/${r.object.name}`))].sort();

describe('skip label', () => {
  it('by default palisade.dev/skip: "true" skips the object, and a labelled Namespace skips everything in it', async () => {
    const { rows, result, stderr } = await scan();
    const objects = names(rows);
    expect(objects).toContain('Deployment/team-a/web');
    expect(objects).toContain('Deployment/team-a/other-value'); // only the configured value skips
    expect(objects).toContain('Namespace//team-a');
    expect(objects.filter((o) => o.includes('legacy') || o.includes('sandbox') || o.includes('NetworkPolicy'))).toEqual([]);
    expect(result.source.selection).toEqual({
      excludedNamespaces: ['sandbox'],
      skipLabels: { 'palisade.dev/skip': 'true' },
      skippedNamespaces: ['sandbox'],
      skippedObjects: [
        { kind: 'Deployment', namespace: 'team-a', name: 'legacy' },
        { kind: 'NetworkPolicy', namespace: 'team-a', name: 'default-deny' },
      ],
    });
    expect(stderr).toContain('palisade: not evaluated (namespace selection): 1 namespace(s): sandbox');
    expect(stderr).toContain('palisade: not evaluated (skip label palisade.dev/skip=true): 2 object(s): Deployment team-a/legacy, NetworkPolicy team-a/default-deny');
  });

  it('skipped objects stay as context: the skipped NetworkPolicy still covers team-a', async () => {
    const { rows } = await scan();
    const policy = rows.find((r) => r.rule === 'network/namespace-has-networkpolicy' && r.object.name === 'team-a');
    expect(policy?.status).toBe('pass');
  });

  it('config skip.labels replaces the default; {} turns skipping off', async () => {
    const custom = join(dir, 'custom.yaml');
    await writeFile(custom, 'skip:\n  labels:\n    palisade.dev/skip: "false"\n');
    const { rows, result } = await scan(['--config', custom]);
    expect(names(rows)).toContain('Deployment/team-a/legacy');
    expect(names(rows)).not.toContain('Deployment/team-a/other-value');
    expect(result.source.selection?.skippedObjects).toEqual([{ kind: 'Deployment', namespace: 'team-a', name: 'other-value' }]);

    const off = join(dir, 'off.yaml');
    await writeFile(off, 'skip:\n  labels: {}\n');
    const none = await scan(['--config', off]);
    expect(names(none.rows)).toEqual(expect.arrayContaining(['Deployment/team-a/legacy', 'Deployment/sandbox/experiment', 'Namespace//sandbox']));
    expect(none.result.source.selection).toBeUndefined();
  });

  it('a skip label value must be a string', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'skip:\n  labels:\n    palisade.dev/skip: true\n');
    const r = await runCli(['scan', '--from', join(dir, 'all.yaml'), '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('skip.labels.palisade.dev/skip: must be a string');
  });

  it('combines with --namespace; the table names the skipped objects', async () => {
    const { result } = await scan(['--namespace', 'team-a']);
    expect(result.source.selection).toMatchObject({ namespaces: ['team-a'], excludedNamespaces: ['sandbox'], skippedNamespaces: ['sandbox'] });
    const table = await runCli(['scan', '--from', join(dir, 'all.yaml')], { env: { COLUMNS: '400' } });
    expect(table.stdout).toContain(
      'Selection: skip label palisade.dev/skip=true; not evaluated: 1 namespace(s) (sandbox); skipped by label: 2 object(s) (Deployment team-a/legacy, NetworkPolicy team-a/default-deny); score and coverage cover the selection only',
    );
  });
});
