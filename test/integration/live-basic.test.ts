/**
 * Live source against the run's real kube-apiserver: discovery, the fixed kind list, server
 * version, trimming, metadata-only ConfigMaps, and paging across many pages.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { liveSnapshot } from '../../src/inventory/live.js';
import { LIVE_KINDS } from '../../src/inventory/live/kinds.js';
import { clusterFor, type TestCluster } from '../helpers/cluster.ts';

const info = inject('cluster');

describe.skipIf(!info)('live source (admin kubeconfig)', () => {
  let k: TestCluster;
  const ns = 'live-paging';
  const COUNT = 32;

  beforeAll(async () => {
    k = clusterFor(info!);
    await k.createNamespace(ns, { team: 'paging' });
    await k.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'palisade-test-config', namespace: 'kube-system' }, data: { 'config.conf': 'metricsBindAddress: 127.0.0.1:10249' } });
    for (let i = 0; i < COUNT; i++) {
      await k.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: ns }, data: { secretish: `value-${i}` } });
      await k.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace: ns } });
    }
  });

  it('lists every object across pages of 5, with no gaps, and reports the server version', async () => {
    const lines: string[] = [];
    const snap = await liveSnapshot({ kubeconfig: info!.kubeconfig, pageSize: 5, onProgress: (l) => lines.push(l) });
    expect(snap.mode).toBe('live');
    expect(snap.gaps).toEqual([]);
    expect(snap.errors).toEqual([]);
    expect(snap.cluster.version).toBe('v1.36.3');
    expect(snap.inNamespace(ns, 'ConfigMap').map((o) => o.metadata.name).sort()).toEqual(
      Array.from({ length: COUNT }, (_, i) => `cm-${i}`).sort(),
    );
    // COUNT named ServiceAccounts + `default`.
    expect(snap.inNamespace(ns, 'ServiceAccount')).toHaveLength(COUNT + 1);
    // ConfigMaps arrive metadata-only: their data never reaches the scanner.
    const cm = snap.get('ConfigMap', 'cm-0', ns)!;
    expect(cm.apiVersion).toBe('v1');
    expect(cm['data']).toBeUndefined();
    // ...except in kube-system, where control-plane configuration lives and rules read it.
    expect(snap.get('ConfigMap', 'palisade-test-config', 'kube-system')?.['data']).toEqual({ 'config.conf': 'metricsBindAddress: 127.0.0.1:10249' });
    // Trimmed: no managedFields.
    expect('managedFields' in snap.get('Namespace', ns)!.metadata).toBe(false);
    expect(snap.namespace(ns)!.metadata.labels?.['team']).toBe('paging');
    // Built-in RBAC (bootstrap roles) is listed cluster-wide.
    expect(snap.get('ClusterRole', 'cluster-admin')).toBeDefined();
    // listedKinds: every kind whose complete set is known — listed, or not served at all (a CRD that
    // is not installed is known to have no objects). Secrets are never in it.
    // KubeletConfiguration counts as listed exactly when every node's configuration was read (or
    // there is no node); a node whose kubelet does not answer (another test may add one) is a gap.
    const expected = LIVE_KINDS.map((k2) => k2.kind).sort();
    const kubeletGap = snap.gapFor('KubeletConfiguration') !== undefined;
    expect(snap.listedKinds?.includes('KubeletConfiguration')).toBe(!kubeletGap);
    expect([...(snap.listedKinds ?? [])].filter((k2) => k2 !== 'KubeletConfiguration').sort()).toEqual(expected);
    expect(snap.listedKinds).not.toContain('Secret');
    expect(lines.find((l) => l.startsWith('[live] listed '))).toMatch(new RegExp(`^\\[live\\] listed ${snap.objects.length} objects of ${expected.length} kinds in [\\d.]+ s \\(\\d+ pages\\)$`));
  });

  it('never lists Secrets, even when asked to', async () => {
    const snap = await liveSnapshot({
      kubeconfig: info!.kubeconfig,
      kinds: [{ group: '', resource: 'secrets', kind: 'Secret' }, { group: '', resource: 'namespaces', kind: 'Namespace' }],
    });
    expect(snap.ofKind('Secret')).toHaveLength(0);
    expect(snap.listedKinds).toEqual(['Namespace']);
    expect(snap.listedKinds).not.toContain('Secret');
  });
});
