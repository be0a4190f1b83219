/**
 * Live `--namespace` scans against the real kube-apiserver (issue 18, selection):
 *
 * - a ServiceAccount bound only to a Role in one namespace: every cluster-wide LIST of a namespaced
 *   kind is refused, so each is listed in the selected namespace instead (recorded as a `forbidden`
 *   limit); rules that read the object's own namespace are judged (a privileged Deployment fails),
 *   rules that need other namespaces are `unknown`, the scan is incomplete, the CLI exits 3;
 * - a cluster reader: the kinds only namespace-local rules read (ResourceQuota, LimitRange, PDB,
 *   HPA) are listed in the selected namespace only (recorded as `selection` limits), everything
 *   else cluster-wide, and nothing is forbidden.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/run.js';
import { applySelection, liveNamespaceScope } from '../../src/cli/selection.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { KubeClient, loadKubeConfig } from '../../src/inventory/live/client.js';
import { LIVE_KINDS } from '../../src/inventory/live/kinds.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { CLUSTER_SCOPED_KINDS } from '../../src/model/k8s.js';
import type { ScanResult } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import { clusterFor, kubeconfigWithToken, type TestCluster } from '../helpers/cluster.ts';
import { freePort, startServe, waitFor } from '../fixtures/metrics/harness.ts';

const info = inject('cluster');
const A = 'nsscope-a';
const B = 'nsscope-b';
const NOW = new Date('2026-11-22T00:00:00Z');

async function waitForStatus(kubeconfig: string, path: string, status: number): Promise<void> {
  const client = new KubeClient(loadKubeConfig({ kubeconfig }).kc);
  for (let i = 0; i < 100; i++) {
    const res = await client.request({ path, query: { limit: 1 } });
    if (res.status === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never answered ${status}`);
}

function deployment(namespace: string, name: string, privileged: boolean): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'busybox:1.36', securityContext: { privileged } }] },
      },
    },
  };
}

function quota(namespace: string): K8sObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace }, spec: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', 'requests.ephemeral-storage': '10Gi', 'limits.ephemeral-storage': '20Gi', pods: '20' } } } as K8sObject;
}

async function saKubeconfig(k: TestCluster, namespace: string, name: string): Promise<string> {
  const token = await k.tokenFor(namespace, name);
  const dir = await mkdtemp(join(tmpdir(), 'palisade-nsscope-'));
  const path = join(dir, 'kubeconfig');
  await writeFile(path, await kubeconfigWithToken(info!, token, name), { mode: 0o600 });
  return path;
}

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  err.on('data', (c: Buffer) => chunks.push(c.toString()));
  out.resume();
  const code = await run(args, { stdout: out, stderr: err, env: {} });
  return { code, stderr: chunks.join('') };
}

const namespaceRule = (id: string): boolean => RULES.find((r) => r.meta.id === id)?.meta.context === 'namespace';

describe.skipIf(!info)('live --namespace: listing narrowed to the selected namespaces', () => {
  let k: TestCluster;
  let scopedKc: string;
  let readerKc: string;

  beforeAll(async () => {
    k = clusterFor(info!);
    await k.createNamespace(A, { 'palisade.dev/tenant': 'nsscope-a' });
    await k.createNamespace(B, { 'palisade.dev/tenant': 'nsscope-b' });
    for (const o of [
      deployment(A, 'root-shell', true),
      deployment(B, 'other-app', false),
      quota(A),
      quota(B),
      { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: B }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: B }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'scoped', namespace: A } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: A } },
    ] as K8sObject[]) {
      await k.apply(o);
    }
    // `scoped`: get/list on every namespaced kind Palisade lists, in namespace A only (a Role).
    const byGroup = new Map<string, string[]>();
    for (const kind of LIVE_KINDS) {
      if (CLUSTER_SCOPED_KINDS.has(kind.kind) || kind.optional) continue;
      byGroup.set(kind.group, [...(byGroup.get(kind.group) ?? []), kind.resource]);
    }
    await k.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'nsscope-scoped', namespace: A },
      rules: [...byGroup].map(([group, resources]) => ({ apiGroups: [group], resources, verbs: ['get', 'list'] })),
    } as K8sObject);
    await k.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'nsscope-scoped', namespace: A },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'nsscope-scoped' },
      subjects: [{ kind: 'ServiceAccount', name: 'scoped', namespace: A }],
    } as K8sObject);
    // `reader`: manifests/base's ClusterRole (under another name), cluster-wide.
    const base = parse(await readFile(new URL('../../manifests/base/clusterrole.yaml', import.meta.url), 'utf8')) as K8sObject;
    await k.apply({ ...base, metadata: { name: 'nsscope-reader' } });
    await k.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'nsscope-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'nsscope-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: A }],
    } as K8sObject);
    scopedKc = await saKubeconfig(k, A, 'scoped');
    readerKc = await saKubeconfig(k, A, 'reader');
    await waitForStatus(scopedKc, `/apis/apps/v1/namespaces/${A}/deployments`, 200);
    await waitForStatus(readerKc, '/apis/apps/v1/deployments', 200);
  });

  async function scopedScan(kubeconfig: string): Promise<{ snap: Awaited<ReturnType<typeof liveSnapshot>>; result: ScanResult }> {
    const config = defaultConfig();
    await applySelection(config, [A], [], []);
    const scope = await liveNamespaceScope(config);
    expect(scope?.namespaces).toEqual([A]);
    const snap = await liveSnapshot({ kubeconfig, ...(scope ? { namespaceScope: scope } : {}) });
    return { snap, result: scanSnapshot(snap, { config, rules: RULES, now: NOW }).result };
  }

  it('a ServiceAccount with a Role in one namespace: its namespace is judged, limits recorded, cross-namespace rules unknown, exit 3', async () => {
    const { snap, result } = await scopedScan(scopedKc);
    // Every namespaced kind was listed, in A only; none is a gap. Cluster-scoped kinds stay gaps (403), as without --namespace.
    const limits = new Map(snap.namespaceLimits.map((l) => [l.kind, l]));
    for (const kind of ['Pod', 'Deployment', 'NetworkPolicy', 'RoleBinding', 'ServiceAccount', 'ConfigMap']) {
      expect(limits.get(kind), kind).toEqual({ kind, namespaces: [A], reason: 'forbidden' });
    }
    for (const kind of ['ResourceQuota', 'LimitRange', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']) {
      expect(limits.get(kind), kind).toEqual({ kind, namespaces: [A], reason: 'selection' });
    }
    expect(snap.gaps.map((g) => g.kind)).not.toContain('Deployment');
    expect(snap.gaps.find((g) => g.kind === 'ClusterRole')?.code).toBe('forbidden');
    expect(snap.objects.filter((o) => o.metadata.namespace === B)).toEqual([]);
    expect(snap.get('Deployment', 'root-shell', A)).toBeDefined();

    // A rule that reads only the object's own namespace is judged: the privileged Deployment fails.
    const mine = result.results.filter((r) => r.object.namespace === A);
    expect(mine.find((r) => r.rule === 'pss/privileged' && r.object.name === 'root-shell')?.status).toBe('fail');
    // Rules that read across namespaces are unknown on A's objects, never pass or fail, and say why.
    const cross = mine.filter((r) => !namespaceRule(r.rule));
    expect(cross.length).toBeGreaterThan(0);
    expect(cross.filter((r) => r.status !== 'unknown').map((r) => `${r.rule} ${r.object.kind}/${r.object.name} ${r.status}`)).toEqual([]);
    const coverage = cross.find((r) => r.rule === 'network/workload-policy-coverage' && r.object.name === 'root-shell');
    expect(coverage?.message).toMatch(/listed only in namespace nsscope-a: .*NetworkPolicy \(cluster-wide LIST forbidden\)/);
    expect(cross.find((r) => r.rule === 'tenancy/shared-service-account' && r.object.name === 'scoped')?.status).toBe('unknown');
    expect(result.incomplete).toBe(true);

    // The CLI: the limits in source.selection, on stderr, and exit 3 (incomplete).
    const dir = await mkdtemp(join(tmpdir(), 'palisade-nsscope-out-'));
    const file = join(dir, 'result.json');
    const { code, stderr } = await cli(['scan', '--kubeconfig', scopedKc, '--namespace', A, '--format', 'json', '--output', file]);
    expect(code, stderr).toBe(3);
    expect(stderr).toMatch(/deployments: cluster-wide LIST forbidden; listing namespace\(s\) nsscope-a instead/);
    expect(stderr).toMatch(/palisade: listed only in namespace nsscope-a: .*Pod \(cluster-wide LIST forbidden\)/);
    expect(stderr).toMatch(/scan incomplete: .*not listable cluster-wide/);
    const json = JSON.parse(await readFile(file, 'utf8')) as ScanResult;
    expect(json.source.selection?.namespaces).toEqual([A]);
    expect(json.source.selection?.namespaceLimits).toContainEqual({ kind: 'Deployment', namespaces: [A], reason: 'forbidden' });
    expect(json.source.selection?.namespaceLimits).toContainEqual({ kind: 'ResourceQuota', namespaces: [A], reason: 'selection' });
  });

  it('a cluster reader with --namespace: namespace-only kinds listed in that namespace only, the rest cluster-wide', async () => {
    const { snap, result } = await scopedScan(readerKc);
    expect(snap.namespaceLimits).toEqual(
      ['HorizontalPodAutoscaler', 'LimitRange', 'PodDisruptionBudget', 'ResourceQuota'].map((kind) => ({ kind, namespaces: [A], reason: 'selection' })),
    );
    expect(snap.gaps.filter((g) => g.kind !== 'KubeletConfiguration')).toEqual([]);
    // B's quota and LimitRange were never listed; B's Deployment and NetworkPolicy were (cluster-wide kinds).
    expect(snap.get('ResourceQuota', 'q', A)).toBeDefined();
    expect(snap.get('ResourceQuota', 'q', B)).toBeUndefined();
    expect(snap.ofKind('LimitRange').filter((o) => o.metadata.namespace === B)).toEqual([]);
    expect(snap.get('Deployment', 'other-app', B)).toBeDefined();
    expect(snap.get('NetworkPolicy', 'deny', B)).toBeDefined();
    // Namespace-local rules on the per-namespace kinds are judged; nothing is unknown for a namespace limit.
    const quotaResult = result.results.find((r) => r.rule === 'tenancy/compute-quota' && r.object.name === A);
    expect(quotaResult?.status).toBe('pass');
    expect(result.results.filter((r) => /listed only in namespace/.test(r.message ?? '')).map((r) => r.rule)).toEqual([]);
    expect(result.results.find((r) => r.rule === 'pss/privileged' && r.object.name === 'root-shell')?.status).toBe('fail');
    // Without --namespace the same reader lists everything cluster-wide (no limits).
    const all = await liveSnapshot({ kubeconfig: readerKc });
    expect(all.namespaceLimits).toEqual([]);
    expect(all.get('ResourceQuota', 'q', B)).toBeDefined();
  });

  it('palisade serve --namespace --exclude-namespace: the same scope, limits in /report.json', async () => {
    const port = await freePort();
    const served = await startServe(['--kubeconfig', scopedKc, '--namespace', A, '--exclude-namespace', 'kube-*', '--listen', `127.0.0.1:${port}`]);
    try {
      const report = await waitFor('a first scan', async () => {
        const res = await fetch(`${served.base}/report.json`);
        return res.status === 200 ? ((await res.json()) as ScanResult & { results: { rule: string; status: string; object: { name: string } }[] }) : undefined;
      });
      expect(served.log()).toMatch(/namespaces: nsscope-a excluding kube-\*; live: HorizontalPodAutoscaler, LimitRange, PodDisruptionBudget, ResourceQuota listed in these only/);
      expect(report.source.selection?.namespaces).toEqual([A]);
      expect(report.source.selection?.excludeNamespaces).toEqual(['kube-*']);
      expect(report.source.selection?.namespaceLimits).toContainEqual({ kind: 'Pod', namespaces: [A], reason: 'forbidden' });
      expect(report.results.find((r) => r.rule === 'pss/privileged' && r.object.name === 'root-shell')?.status).toBe('fail');
      expect(report.incomplete).toBe(true);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});
