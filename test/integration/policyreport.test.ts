/**
 * PolicyReports on a real kube-apiserver: the vendored wgpolicyk8s.io CRDs are installed, the
 * reports are created and then replaced by Palisade's ServiceAccount holding only the RBAC of
 * manifests/overlays/policy-reports, and the server validates every object against the CRD's
 * openAPI schema (an invalid report is refused with 422, so acceptance means validity).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { run } from '../../src/cli/run.js';
import { KubeClient, loadKubeConfig } from '../../src/inventory/live/client.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { RuleResult } from '../../src/model/result.js';
import { CLUSTER_REPORT_NAME, REPORT_NAME, toPolicyReports, type PolicyReportObject } from '../../src/report/policyreport.js';
import { PolicyReportWriteError, writePolicyReports } from '../../src/report/policyreport-write.js';
import { SAMPLE_RESULTS, sampleResult } from '../fixtures/reports/sample.ts';
import { clusterFor, kubeconfigWithToken, type TestCluster } from '../helpers/cluster.ts';

const info = inject('cluster');
const ROOT = new URL('../../', import.meta.url);
const NS: Record<string, string> = { 'team-a': 'polr-a', 'team-b': 'polr-b' };
const API = '/apis/wgpolicyk8s.io/v1alpha2';

async function yamlObjects(rel: string): Promise<K8sObject[]> {
  return parseAllDocuments(await readFile(new URL(rel, ROOT), 'utf8'))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** The objects `kubectl apply -k manifests/overlays/policy-reports` creates (plain resource lists, no patches). */
async function overlayObjects(dir: string): Promise<K8sObject[]> {
  const kust = parse(await readFile(new URL(`${dir}/kustomization.yaml`, ROOT), 'utf8')) as { resources: string[] };
  const out: K8sObject[] = [];
  for (const r of kust.resources) {
    if (r.endsWith('.yaml')) out.push(...(await yamlObjects(`${dir}/${r}`)));
    else out.push(...(await overlayObjects(new URL(`${dir}/${r}/`, ROOT).pathname.slice(new URL(ROOT).pathname.length).replace(/\/$/, ''))));
  }
  return out;
}

function sampleIn(namespaces: Record<string, string>, message = ''): ReturnType<typeof sampleResult> {
  const results: RuleResult[] = SAMPLE_RESULTS.map((r) => {
    const ns = r.object.namespace;
    return { ...r, message: r.message + message, object: ns ? { ...r.object, namespace: namespaces[ns] ?? ns } : r.object };
  });
  const base = sampleResult({ results });
  return { ...base, source: { mode: 'live', location: info?.server ?? 'https://127.0.0.1' } };
}

async function waitFor(client: KubeClient, path: string, status: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await client.request({ path })).status === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never answered ${status}`);
}

function reportPath(r: Pick<PolicyReportObject, 'kind' | 'metadata'>): string {
  return r.kind === 'PolicyReport'
    ? `${API}/namespaces/${r.metadata.namespace ?? ''}/policyreports/${r.metadata.name}`
    : `${API}/clusterpolicyreports/${r.metadata.name}`;
}

describe.skipIf(!info)('PolicyReports on the real control plane', () => {
  let k: TestCluster;
  let saKubeconfig: string;
  let admin: KubeClient;
  let sa: KubeClient;

  beforeAll(async () => {
    k = clusterFor(info!);
    admin = new KubeClient(loadKubeConfig({ kubeconfig: info!.kubeconfig }).kc);
    const crds = [
      ...(await yamlObjects('docs/schemas/policyreport/wgpolicyk8s.io_policyreports.yaml')),
      ...(await yamlObjects('docs/schemas/policyreport/wgpolicyk8s.io_clusterpolicyreports.yaml')),
    ];
    expect((await k.applyObjects(crds)).rejected).toEqual([]);
    await waitFor(admin, `${API}/policyreports`, 200);
    await waitFor(admin, `${API}/clusterpolicyreports`, 200);
    k.refreshDiscovery();
    const { rejected } = await k.applyObjects(await overlayObjects('manifests/overlays/policy-reports'));
    expect(rejected).toEqual([]);
    for (const ns of Object.values(NS)) await k.createNamespace(ns);
    const dir = await mkdtemp(join(tmpdir(), 'palisade-polr-'));
    saKubeconfig = join(dir, 'kubeconfig');
    await writeFile(saKubeconfig, await kubeconfigWithToken(info!, await k.tokenFor('palisade', 'palisade'), 'palisade-sa'), { mode: 0o600 });
    sa = new KubeClient(loadKubeConfig({ kubeconfig: saKubeconfig }).kc);
    // RBAC is cached by the authorizer: wait until the writer role is in effect (404, not 403).
    await waitFor(sa, `${API}/namespaces/polr-a/policyreports/${REPORT_NAME}`, 404);
  });

  it('creates one report per namespace and the cluster report; the server accepts them as valid and stores them unchanged', async () => {
    const reports = toPolicyReports(sampleIn(NS));
    expect(reports.map((r) => r.metadata.namespace ?? '-')).toEqual(['-', 'polr-a', 'polr-b']);
    const outcomes = await writePolicyReports(loadKubeConfig({ kubeconfig: saKubeconfig }).kc, reports);
    expect(outcomes.map((o) => o.action)).toEqual(['created', 'created', 'created']);
    for (const r of reports) {
      const res = await admin.request({ path: reportPath(r) });
      expect(res.status).toBe(200);
      const stored = JSON.parse(res.body) as PolicyReportObject;
      expect(stored.summary).toEqual(r.summary);
      expect(stored.results).toEqual(r.results);
      expect(stored.metadata.labels).toEqual(r.metadata.labels);
    }
  });

  it('replaces the same objects on the next run (no pile-up)', async () => {
    const second = toPolicyReports(sampleIn(NS, ' (second run)'));
    const outcomes = await writePolicyReports(loadKubeConfig({ kubeconfig: saKubeconfig }).kc, second);
    expect(outcomes.map((o) => o.action)).toEqual(['replaced', 'replaced', 'replaced']);
    const list = JSON.parse((await admin.request({ path: `${API}/namespaces/polr-a/policyreports` })).body) as { items: PolicyReportObject[] };
    expect(list.items.map((i) => i.metadata.name)).toEqual([REPORT_NAME]);
    expect(list.items[0]!.results.every((r) => r.message.endsWith(' (second run)'))).toBe(true);
  });

  it('validates server-side against the CRD schema: an invalid report is refused with 422', async () => {
    const bad = {
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'invalid', namespace: 'polr-a' },
      results: [{ policy: 'x', result: 'bogus', severity: 'urgent', timestamp: { seconds: 'soon' } }],
    };
    const res = await admin.request({ method: 'POST', path: `${API}/namespaces/polr-a/policyreports`, body: JSON.stringify(bad) });
    expect(res.status).toBe(422);
    expect(res.body).toContain('results[0].result');
    expect(res.body).toContain('results[0].severity');
  });

  it('the writer role is least-privilege: no delete, no update of other producers\' reports', async () => {
    // (get/list come from the read-only base role: admission rules read other engines' reports)
    expect((await sa.request({ method: 'DELETE', path: `${API}/namespaces/polr-a/policyreports/${REPORT_NAME}` })).status).toBe(403);
    const other = { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', metadata: { name: 'kyverno-owned', namespace: 'polr-b' }, results: [] };
    expect((await admin.request({ method: 'POST', path: `${API}/namespaces/polr-b/policyreports`, body: JSON.stringify(other) })).status).toBe(201);
    const report = { ...toPolicyReports(sampleIn(NS))[2]!, metadata: { ...other.metadata, labels: {}, annotations: {} } };
    await expect(writePolicyReports(loadKubeConfig({ kubeconfig: saKubeconfig }).kc, [report])).rejects.toThrow(PolicyReportWriteError);
    await expect(writePolicyReports(loadKubeConfig({ kubeconfig: saKubeconfig }).kc, [report])).rejects.toThrow(/PolicyReport polr-b\/kyverno-owned failed: HTTP 403/);
  });

  it('palisade scan --write-policy-reports (live, as the ServiceAccount) writes the reports', async () => {
    class Sink extends Writable {
      text = '';
      override _write(c: Buffer | string, _e: BufferEncoding, cb: () => void): void {
        this.text += c.toString();
        cb();
      }
    }
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await run(['scan', '--kubeconfig', saKubeconfig, '--write-policy-reports', '--format', 'json'], { stdout, stderr, env: {} });
    expect(stderr.text).toMatch(/wrote \d+ policy report\(s\) \(\d+ created, \d+ replaced\)/);
    expect([0, 1, 3]).toContain(code);
    const cluster = JSON.parse((await admin.request({ path: `${API}/clusterpolicyreports/${CLUSTER_REPORT_NAME}` })).body) as PolicyReportObject;
    const scanned = JSON.parse(stdout.text) as { startedAt: string };
    expect(cluster.metadata.annotations['palisade.dev/scan-started-at']).toBe(scanned.startedAt);
    const ns = JSON.parse((await admin.request({ path: `${API}/namespaces/polr-a/policyreports/${REPORT_NAME}` })).body) as PolicyReportObject;
    expect(ns.metadata.annotations['palisade.dev/scan-started-at']).toBe(scanned.startedAt);
  });
});
