/**
 * Auditors receive snapshots: `palisade snapshot` of a live cluster, then `palisade scan --snapshot`
 * offline, gives the same results as `palisade scan` against the cluster — gaps included.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { expandResult, parseResult, type ExpandedResult } from '../helpers/result-json.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { ScanResult } from '../../src/report/model.js';
import { refString } from '../../src/model/k8s.js';
import { writeFile } from 'node:fs/promises';
import { clusterFor, kubeconfigWithToken } from '../helpers/cluster.ts';

const info = inject('cluster');

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  out.resume();
  err.on('data', (c: Buffer) => chunks.push(c.toString()));
  const code = await run(args, { stdout: out, stderr: err, env: {} });
  return { code, stderr: chunks.join('') };
}

const triples = (r: ExpandedResult): string[] => r.results.map((x) => `${x.rule} ${refString(x.object)} ${x.status}`).sort();

describe.skipIf(!info)('palisade snapshot (live) → palisade scan --snapshot', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-snap-'));
    const k = clusterFor(info!);
    await k.createNamespace('snap-team', { 'palisade.dev/tenant': 'snap' });
    await k.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'snap-team' },
      spec: { hostNetwork: true, containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { capabilities: { add: ['NET_ADMIN'] } } }] },
    });
  });

  it('gives the same (rule, object, status) results as the live scan', async () => {
    const snapFile = join(dir, 'cluster.snapshot.json.gz');
    const snap = await cli(['snapshot', '--kubeconfig', info!.kubeconfig, '--output', snapFile]);
    expect(snap.code, snap.stderr).toBe(0);
    const liveOut = join(dir, 'live.json');
    const offlineOut = join(dir, 'offline.json');
    const a = await cli(['scan', '--kubeconfig', info!.kubeconfig, '--format', 'json', '--output', liveOut]);
    const b = await cli(['scan', '--snapshot', snapFile, '--format', 'json', '--output', offlineOut]);
    expect(a.code, a.stderr).toBe(b.code);
    const live = parseResult(await readFile(liveOut, 'utf8'));
    const offline = parseResult(await readFile(offlineOut, 'utf8'));
    expect(offline.source.mode).toBe('snapshot');
    expect(live.source.mode).toBe('live');
    expect(offline.source.cluster?.version).toBe('v1.36.3');
    expect(triples(offline)).toEqual(triples(live));
    expect(live.results.some((r) => r.object.name === 'web' && r.rule === 'pss/host-namespaces' && r.status === 'fail')).toBe(true);
  });

  it('keeps the gaps: a snapshot taken with too few permissions scans as incomplete, with the same unknowns', async () => {
    const k = clusterFor(info!);
    // An identity that may list only namespaces and pods.
    await k.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'narrow', namespace: 'snap-team' } });
    await k.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'snap-narrow' }, rules: [{ apiGroups: [''], resources: ['namespaces', 'pods'], verbs: ['get', 'list'] }] });
    await k.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'snap-narrow' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'snap-narrow' },
      subjects: [{ kind: 'ServiceAccount', name: 'narrow', namespace: 'snap-team' }],
    });
    const kubeconfig = join(dir, 'narrow.kubeconfig');
    await writeFile(kubeconfig, await kubeconfigWithToken(info!, await k.tokenFor('snap-team', 'narrow'), 'narrow'));
    // RBAC changes reach the authorizer's cache asynchronously: wait until pods are listable.
    for (let i = 0; i < 100 && (await cli(['snapshot', '--kubeconfig', kubeconfig, '--output', join(dir, 'probe.json')])).stderr.includes('Pod ('); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const snapFile = join(dir, 'narrow.snapshot.json');
    const snap = await cli(['snapshot', '--kubeconfig', kubeconfig, '--output', snapFile]);
    expect(snap.code).toBe(3);
    const offlineOut = join(dir, 'narrow-offline.json');
    const liveOut = join(dir, 'narrow-live.json');
    expect((await cli(['scan', '--snapshot', snapFile, '--format', 'json', '--output', offlineOut])).code).toBe(3);
    expect((await cli(['scan', '--kubeconfig', kubeconfig, '--format', 'json', '--output', liveOut])).code).toBe(3);
    const offline = parseResult(await readFile(offlineOut, 'utf8'));
    const live = parseResult(await readFile(liveOut, 'utf8'));
    expect(offline.incomplete).toBe(true);
    expect(offline.gaps.map((g) => g.kind)).toEqual(live.gaps.map((g) => g.kind));
    expect(offline.gaps.map((g) => g.kind)).toContain('Deployment');
    expect(offline.gaps.map((g) => g.kind)).not.toContain('Pod');
    expect(triples(offline)).toEqual(triples(live));
    expect(offline.results.some((r) => r.status === 'unknown')).toBe(true);
  });
});
