/**
 * The demo cluster (examples/demo-cluster/) applied to a real kube-apiserver of its own, then
 * scanned live; the live results must match the offline scan of the same files.
 *
 * A dedicated apiserver (not the run's shared one): the demo replaces cluster-wide objects
 * (bootstrap ClusterRoles, Nodes) and the comparison must not see other tests' objects.
 * What is compared, and why the rest is not, is explained in docs/live.md ("Live vs offline").
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { CLUSTER_KIND, TENANT_KIND } from '../../src/engine/rule.js';
import { loadManifests } from '../../src/inventory/files.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { isRecord, objectKey, refString, type K8sObject } from '../../src/model/k8s.js';
import type { RuleResult } from '../../src/model/result.js';
import { RULES } from '../../src/rules/index.js';
import { startCluster, type RunningCluster } from '../cluster/harness.ts';
import { TestCluster } from '../helpers/cluster.ts';

/** Live only by design (offline, aggregated rules are left to the controller): compared on its own. */
const DRIFT = 'rbac/aggregated-role-drift';

const shared = inject('cluster');
const DEMO = 'examples/demo-cluster';

/** Creation order: what others reference first. */
const ORDER = ['Namespace', 'PriorityClass', 'RuntimeClass', 'StorageClass', 'IngressClass', 'Node', 'PersistentVolume', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'ResourceQuota', 'LimitRange', 'PersistentVolumeClaim', 'NetworkPolicy', 'Service'];
/** Registered after everything else, as an install would: the demo's webhooks have no backend, and a fail-closed one would refuse what comes after it. */
const LAST = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService'];
const rank = (kind: string): number => (LAST.includes(kind) ? ORDER.length + 1 : ORDER.indexOf(kind) < 0 ? ORDER.length : ORDER.indexOf(kind));

/** What a create/apply may carry: the server owns uid, resourceVersion, timestamps and status. */
function forApply(o: K8sObject): K8sObject {
  const copy = structuredClone(o);
  const meta = copy.metadata as unknown as Record<string, unknown>;
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields']) delete meta[k];
  delete copy['status'];
  return copy;
}

const key = (r: RuleResult): string => `${r.rule} ${refString(r.object)}`;

/** Compares two result sets as (rule, object) → status; returns the differences. */
function compare(offline: RuleResult[], live: RuleResult[]): string[] {
  const want = new Map(offline.map((r) => [key(r), r.status]));
  const got = new Map(live.map((r) => [key(r), r.status]));
  const diff: string[] = [];
  for (const [k2, status] of want) if (got.get(k2) !== status) diff.push(`${k2}: offline=${status} live=${got.get(k2) ?? '(none)'}`);
  for (const [k2, status] of got) if (!want.has(k2)) diff.push(`${k2}: offline=(none) live=${status}`);
  return diff;
}

describe.skipIf(!shared)('demo cluster: live scan of the real apiserver = offline scan of the files', () => {
  let cluster: RunningCluster;
  let accepted: Set<string>;
  let rejected: { ref: string; status: number; message: string }[];
  let offline: RuleResult[];
  let live: RuleResult[];
  let offlinePlusServer: RuleResult[];
  let serverOnly: string[];
  let kubeletRules: Set<string>;

  beforeAll(async () => {
    const files = await loadManifests([DEMO]);
    expect(files.errors).toEqual([]);
    expect(files.objects.length).toBeGreaterThan(50);
    cluster = await startCluster();
    const k = new TestCluster(cluster);
    const ordered = [...files.objects].sort((a, b) => rank(a.kind) - rank(b.kind));
    // CRDs first, then wait until the server serves their kinds (discovery is cached by the helper).
    const crds = ordered.filter((o) => o.kind === 'CustomResourceDefinition');
    const crdOutcome = await k.applyObjects(crds.map(forApply));
    const custom = ordered.filter((o) => !o.apiVersion.startsWith('apiextensions.k8s.io/') && crds.some((c) => isRecord(c['spec']) && isRecord(c['spec']['names']) && c['spec']['names']['kind'] === o.kind));
    for (let attempt = 0; attempt < 100; attempt++) {
      k.refreshDiscovery();
      const served = await Promise.all(custom.map((o) => k.resourceFor(o.apiVersion, o.kind).then(() => true, () => false)));
      if (served.every(Boolean)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const rest = await k.applyObjects(ordered.filter((o) => o.kind !== 'CustomResourceDefinition').map(forApply));
    const outcome = { applied: [...crdOutcome.applied, ...rest.applied], rejected: [...crdOutcome.rejected, ...rest.rejected] };
    rejected = outcome.rejected.map((r) => ({ ref: objectKey(r.object), status: r.status, message: r.message }));
    const rejectedRefs = new Set(rejected.map((r) => r.ref));
    const kept = files.objects.filter((o) => !rejectedRefs.has(objectKey(o)));
    // Apply drops status; the kubelet versions the version rules read live in Node status.nodeInfo,
    // which a kubelet would report. Only nodeInfo: addresses would send the kubelet reader to hosts that do not exist.
    for (const node of kept.filter((o) => o.kind === 'Node')) {
      const status = node['status'] as { nodeInfo?: unknown } | undefined;
      if (!status?.nodeInfo) continue;
      const res = await k.call('PATCH', `/api/v1/nodes/${node.metadata.name}/status`, { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata.name }, status: { nodeInfo: status.nodeInfo } }, { fieldManager: 'palisade-tests', force: 'true' }, 'application/apply-patch+yaml');
      expect(res.status, res.body).toBe(200);
    }
    accepted = new Set(kept.map(objectKey));

    const config = defaultConfig();
    const now = new Date('2026-11-22T00:00:00Z');
    const liveSnap = await liveSnapshot({ kubeconfig: cluster.kubeconfig });
    // The demo's Nodes exist, but no kubelet runs behind them: their configuration cannot be read.
    expect(liveSnap.gaps.map((g) => [g.kind, g.code])).toEqual([['KubeletConfiguration', 'error']]);
    kubeletRules = new Set(RULES.filter((r) => [...r.meta.targets, ...(r.meta.requires ?? [])].includes('KubeletConfiguration')).map((r) => r.meta.id));
    // Offline: the accepted files, evaluated for the same server version the live scan reports.
    const offlineSnap = new Snapshot({ objects: kept, locations: files.locations, source: DEMO, mode: 'offline', cluster: { version: liveSnap.cluster.version! } });
    live = [...scanSnapshot(liveSnap, { config, rules: RULES, now }).result.results];
    offline = [...scanSnapshot(offlineSnap, { config, rules: RULES, now }).result.results];
    // The files plus what only the server has (bootstrap RBAC, default/kube-public namespaces, ...):
    // the same inventory the live scan sees, so even cross-object and cluster/tenant results must match.
    const extra = liveSnap.objects.filter((o) => !accepted.has(objectKey(o)));
    serverOnly = extra.map(objectKey);
    // Mode `snapshot`: this inventory is what a saved snapshot of the cluster holds (some rules, e.g.
    // secrets/external-secret-storage, say `unknown` for plain offline manifests that lack cluster-wide objects),
    // and like a saved snapshot it records which kinds were listed (never Secrets).
    const plusSnap = new Snapshot({ objects: [...kept, ...extra], source: DEMO, mode: 'snapshot', cluster: { version: liveSnap.cluster.version! }, listedKinds: [...(liveSnap.listedKinds ?? [])] });
    offlinePlusServer = [...scanSnapshot(plusSnap, { config, rules: RULES, now }).result.results];
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('the server accepts the demo cluster (rejections are listed with the reason)', () => {
    // docs/live.md lists what a real apiserver refuses and why; today it accepts every object.
    expect(rejected).toEqual([]);
  });

  it('every object of the demo is in the live snapshot', () => {
    const liveObjects = new Set(live.map((r) => refString(r.object)));
    const offlineObjects = new Set(offline.map((r) => refString(r.object)).filter((ref) => accepted.has(ref)));
    expect([...offlineObjects].filter((ref) => !liveObjects.has(ref))).toEqual([]);
  });

  it('same (rule, object, status) for every demo object, rule by rule', () => {
    // Results on the demo's own objects. Cluster/Tenant results may differ here because the live
    // inventory also holds the server's own objects; the next test accounts for them.
    const mine = (r: RuleResult): boolean =>
      accepted.has(refString(r.object)) && r.object.kind !== CLUSTER_KIND && r.object.kind !== TENANT_KIND && !kubeletRules.has(r.rule) && r.rule !== DRIFT;
    const want = new Map(offline.filter(mine).map((r) => [key(r), r.status]));
    expect(compare(offline.filter(mine), live.filter(mine))).toEqual([]);
    expect(want.size).toBeGreaterThan(100);
    expect([...want.values()].filter((s) => s === 'fail').length).toBeGreaterThan(10);
  });

  it('files + the server\'s own objects, scanned offline = the live scan, for every result (cluster and tenant too)', () => {
    // The server adds only bootstrap objects: RBAC (system:*, admin/edit/view), its namespaces,
    // priority classes, flow control. Nothing in the demo's namespaces.
    expect(serverOnly.filter((ref) => /\/(acme|globex|initech)/.test(ref))).toEqual([]);
    const comparable = (r: RuleResult): boolean => !kubeletRules.has(r.rule) && r.rule !== DRIFT;
    const want = new Map(offlinePlusServer.filter(comparable).map((r) => [key(r), r.status]));
    expect(compare(offlinePlusServer.filter(comparable), live.filter(comparable))).toEqual([]);
    expect([...want.keys()].filter((k2) => k2.includes(' Cluster/') || k2.includes(' Tenant/')).length).toBeGreaterThan(20);
  });

  it('rbac/aggregated-role-drift: not-applicable offline; live it names admin/edit/view, left empty by a server without aggregation controller', () => {
    expect(offline.filter((r) => r.rule === DRIFT).map((r) => r.status).filter((s) => s !== 'not-applicable')).toEqual([]);
    const failing = live.filter((r) => r.rule === DRIFT && r.status === 'fail').map((r) => r.object.name).sort();
    expect(failing).toEqual(expect.arrayContaining(['admin', 'edit', 'view']));
  });

  it('kubelet rules, whose input could not be read live, are unknown there, never pass', () => {
    expect(kubeletRules.size).toBeGreaterThan(0);
    const results = live.filter((r) => kubeletRules.has(r.rule));
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 'pass' || r.status === 'fail').map(key)).toEqual([]);
    expect(results.some((r) => r.status === 'unknown')).toBe(true);
  });
});
