/**
 * Live scan as Palisade's own ServiceAccount, with the RBAC from manifests/base (token from
 * TokenRequest): no kind is forbidden. Then with permissions removed from the ClusterRole: the
 * rules that need those kinds report `unknown` (never `pass`), the result is incomplete, and the
 * CLI exits 3.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { run } from '../../src/cli/run.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import { KubeClient, loadKubeConfig } from '../../src/inventory/live/client.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ScanResult } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import { clusterFor, kubeconfigWithToken, type TestCluster } from '../helpers/cluster.ts';

const info = inject('cluster');
const BASE = new URL('../../manifests/base/', import.meta.url);

/** The objects `kubectl apply -k manifests/base` would create (the kustomization only lists files). */
async function baseManifests(): Promise<K8sObject[]> {
  const kust = parse(await readFile(new URL('kustomization.yaml', BASE), 'utf8')) as { resources: string[] };
  const out: K8sObject[] = [];
  for (const file of kust.resources) {
    for (const doc of parseAllDocuments(await readFile(new URL(file, BASE), 'utf8'))) out.push(doc.toJS() as K8sObject);
  }
  return out;
}

/** Waits until the RBAC authorizer's cache reflects a change: `path` answers `status` for this kubeconfig. */
async function waitForStatus(kubeconfig: string, path: string, status: number): Promise<void> {
  const client = new KubeClient(loadKubeConfig({ kubeconfig }).kc);
  for (let i = 0; i < 100; i++) {
    const res = await client.request({ path, query: { limit: 1 } });
    if (res.status === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never answered ${status}`);
}

/**
 * Gaps of API kinds. The harness runs no kubelets, so when Nodes exist (another test may create
 * them) the kubelet configuration is a gap of its own (`KubeletConfiguration`, kubelet unreachable).
 */
function apiGaps<G extends { kind: string }>(gaps: readonly G[]): G[] {
  return gaps.filter((g) => g.kind !== 'KubeletConfiguration');
}

function scan(snapshot: Awaited<ReturnType<typeof liveSnapshot>>): ScanResult {
  return scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, now: new Date('2026-11-22T00:00:00Z') }).result;
}

const PRIVILEGED_DEPLOYMENT: K8sObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'root-shell', namespace: 'rbac-probe' },
  spec: {
    selector: { matchLabels: { app: 'root-shell' } },
    template: {
      metadata: { labels: { app: 'root-shell' } },
      spec: { containers: [{ name: 'shell', image: 'busybox:1.36', securityContext: { privileged: true } }] },
    },
  },
};

describe.skipIf(!info)('live scan as the palisade ServiceAccount (manifests/base RBAC)', () => {
  let k: TestCluster;
  let kubeconfig: string;
  let role: K8sObject;

  beforeAll(async () => {
    k = clusterFor(info!);
    const objs = await baseManifests();
    const { rejected } = await k.applyObjects(objs);
    expect(rejected).toEqual([]);
    role = objs.find((o) => o.kind === 'ClusterRole')!;
    // A tenant namespace, so tenant-scoped rules have a target too.
    await k.createNamespace('rbac-probe', { 'palisade.dev/tenant': 'rbac-probe' });
    await k.apply(PRIVILEGED_DEPLOYMENT);
    await k.apply({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'rbac-probe' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    const token = await k.tokenFor('palisade', 'palisade');
    const dir = await mkdtemp(join(tmpdir(), 'palisade-sa-'));
    kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, await kubeconfigWithToken(info!, token, 'palisade-sa'), { mode: 0o600 });
    await waitForStatus(kubeconfig, '/apis/apps/v1/deployments', 200);
  });

  it('lists every kind the rules need, with no gaps, and is denied Secrets', async () => {
    const snap = await liveSnapshot({ kubeconfig });
    expect(apiGaps(snap.gaps)).toEqual([]);
    expect(snap.errors.filter((e) => !e.source.includes('configz'))).toEqual([]);
    expect(snap.get('Deployment', 'root-shell', 'rbac-probe')).toBeDefined();
    const result = scan(snap);
    expect(result.incomplete).toBe(false);
    expect(result.results.some((r) => r.rule === 'pss/privileged' && r.object.name === 'root-shell' && r.status === 'fail')).toBe(true);
    // Least privilege, checked from the other side: the token cannot read Secrets or proxy to nodes.
    const client = new KubeClient(loadKubeConfig({ kubeconfig }).kc);
    expect((await client.request({ path: '/api/v1/secrets', query: { limit: 1 } })).status).toBe(403);
    expect((await client.request({ path: '/api/v1/nodes/any/proxy/configz' })).status).toBe(403);
  });

  it('with deployments and networkpolicies removed from the ClusterRole: unknown, never pass; incomplete; CLI exit 3', async () => {
    const dropped = new Set(['deployments', 'networkpolicies']);
    const rules = (role['rules'] as { apiGroups: string[]; resources: string[]; verbs: string[] }[])
      .map((r) => ({ ...r, resources: r.resources.filter((res) => !dropped.has(res)) }))
      .filter((r) => r.resources.length > 0);
    await k.apply({ ...role, rules });
    try {
      await waitForStatus(kubeconfig, '/apis/apps/v1/deployments', 403);
      await waitForStatus(kubeconfig, '/apis/networking.k8s.io/v1/networkpolicies', 403);
      const snap = await liveSnapshot({ kubeconfig });
      expect(apiGaps(snap.gaps).map((g) => [g.kind, g.code])).toEqual([
        ['Deployment', 'forbidden'],
        ['NetworkPolicy', 'forbidden'],
      ]);
      expect(snap.errors.map((e) => e.source).filter((src) => !src.includes('configz')).sort()).toEqual(['apps/v1 deployments', 'networking.k8s.io/v1 networkpolicies']);
      const result = scan(snap);
      expect(result.incomplete).toBe(true);
      expect(apiGaps(result.gaps).map((g) => g.kind)).toEqual(['Deployment', 'NetworkPolicy']);

      const isDropped = (kind: string): boolean => kind === 'Deployment' || kind === 'NetworkPolicy';
      // Rules that target a dropped kind: an unknown result naming it stands for the unseen objects.
      const targeting = RULES.filter((r) => r.meta.targets.some(isDropped));
      expect(targeting.length).toBeGreaterThan(0);
      for (const rule of targeting) {
        const mine = result.results.filter((r) => r.rule === rule.meta.id);
        expect(mine.some((r) => r.status === 'unknown' && /Deployment|NetworkPolicy/.test(r.message ?? '')), rule.meta.id).toBe(true);
      }
      // Rules that read a dropped kind for their judgement: every result unknown, never pass or fail.
      const requiring = RULES.filter((r) => (r.meta.requires ?? []).some(isDropped));
      const requiringResults = result.results.filter((r) => requiring.some((rule) => rule.meta.id === r.rule));
      expect(requiringResults.length).toBeGreaterThan(0);
      expect(requiringResults.filter((r) => r.status !== 'unknown').map((r) => `${r.rule} ${r.object.kind}/${r.object.name} ${r.status}`)).toEqual([]);
      // The privileged Deployment was invisible: it is neither passed nor failed.
      expect(result.results.filter((r) => r.object.kind === 'Deployment' && r.status !== 'unknown')).toEqual([]);

      // The CLI's signal for "incomplete": exit 3 (no --fail-on given).
      const out = new PassThrough();
      const err = new PassThrough();
      const chunks: string[] = [];
      err.on('data', (c: Buffer) => chunks.push(c.toString()));
      out.resume();
      const code = await run(['scan', '--kubeconfig', kubeconfig, '--format', 'json'], { stdout: out, stderr: err, env: {} });
      expect(code, chunks.join('')).toBe(3);
    } finally {
      await k.apply(role);
    }
  });
});
