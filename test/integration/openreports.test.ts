/**
 * OpenReports on a real kube-apiserver: the vendored openreports.io CRDs
 * (docs/schemas/openreports, from github.com/openreports/reports-api) are installed; the YAML
 * `--format openreports` writes is server-side applied document by document with strict field
 * validation (an unknown or mistyped field is refused, so acceptance means validity); then the
 * reports are created and replaced by Palisade's ServiceAccount holding only the RBAC of
 * manifests/overlays/openreports.
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
import { streamOpenReports, toOpenReports, type OpenReportObject } from '../../src/report/openreports.js';
import { writeOpenReports } from '../../src/report/openreports-write.js';
import { PolicyReportWriteError } from '../../src/report/policyreport-write.js';
import { CLUSTER_REPORT_NAME, REPORT_NAME } from '../../src/report/policyreport.js';
import { SAMPLE_RESULTS, sampleResult } from '../fixtures/reports/sample.ts';
import { clusterFor, kubeconfigWithToken, type TestCluster } from '../helpers/cluster.ts';

const info = inject('cluster');
const ROOT = new URL('../../', import.meta.url);
const NS: Record<string, string> = { 'team-a': 'orep-a', 'team-b': 'orep-b' };
const API = '/apis/openreports.io/v1alpha1';

async function yamlObjects(rel: string): Promise<K8sObject[]> {
  return parseAllDocuments(await readFile(new URL(rel, ROOT), 'utf8'))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** The objects `kubectl apply -k manifests/overlays/openreports` creates (plain resource lists; the CronJob patch is checked by the manifests tests). */
async function overlayObjects(dir: string): Promise<K8sObject[]> {
  const kust = parse(await readFile(new URL(`${dir}/kustomization.yaml`, ROOT), 'utf8')) as { resources: string[] };
  const out: K8sObject[] = [];
  for (const r of kust.resources) {
    if (r.endsWith('.yaml')) out.push(...(await yamlObjects(`${dir}/${r}`)));
    else out.push(...(await overlayObjects(new URL(`${dir}/${r}/`, ROOT).pathname.slice(new URL(ROOT).pathname.length).replace(/\/$/, ''))));
  }
  return out;
}

/** The sample result moved to this test's namespaces, with hostile text (TAB, C1, U+2028, a 1.1 boolean look-alike). */
function sampleIn(namespaces: Record<string, string>, message = ''): ReturnType<typeof sampleResult> {
  const results: RuleResult[] = SAMPLE_RESULTS.map((r, i) => {
    const ns = r.object.namespace;
    const text = i === 0 ? `${r.message}\ttab\u0085nel\u2028ls` : r.message;
    return { ...r, message: text + message, object: ns ? { ...r.object, namespace: namespaces[ns] ?? ns } : r.object };
  });
  results.push({ ...SAMPLE_RESULTS[2]!, message: `yes${message}`, object: { ...SAMPLE_RESULTS[2]!.object, name: 'on', namespace: namespaces['team-b']! } });
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

function reportPath(r: Pick<OpenReportObject, 'kind' | 'metadata'>): string {
  return r.kind === 'Report' ? `${API}/namespaces/${r.metadata.namespace ?? ''}/reports/${r.metadata.name}` : `${API}/clusterreports/${r.metadata.name}`;
}

/** Server-side apply of one YAML document as written, with strict field validation. */
async function applyStrict(client: KubeClient, doc: string, path: string): Promise<{ status: number; body: string }> {
  const res = await client.request({
    method: 'PATCH',
    path: `${path}?fieldManager=palisade-tests&force=true&fieldValidation=Strict`,
    body: doc,
    contentType: 'application/apply-patch+yaml',
  });
  return { status: res.status, body: res.body };
}

describe.skipIf(!info)('OpenReports on the real control plane', () => {
  let k: TestCluster;
  let saKubeconfig: string;
  let admin: KubeClient;
  let sa: KubeClient;

  beforeAll(async () => {
    k = clusterFor(info!);
    admin = new KubeClient(loadKubeConfig({ kubeconfig: info!.kubeconfig }).kc);
    const crds = [...(await yamlObjects('docs/schemas/openreports/openreports.io_reports.yaml')), ...(await yamlObjects('docs/schemas/openreports/openreports.io_clusterreports.yaml'))];
    expect((await k.applyObjects(crds)).rejected).toEqual([]);
    await waitFor(admin, `${API}/reports`, 200);
    await waitFor(admin, `${API}/clusterreports`, 200);
    k.refreshDiscovery();
    const { rejected } = await k.applyObjects(await overlayObjects('manifests/overlays/openreports'));
    expect(rejected).toEqual([]);
    for (const ns of Object.values(NS)) await k.createNamespace(ns);
    const dir = await mkdtemp(join(tmpdir(), 'palisade-orep-'));
    saKubeconfig = join(dir, 'kubeconfig');
    await writeFile(saKubeconfig, await kubeconfigWithToken(info!, await k.tokenFor('palisade', 'palisade'), 'palisade-sa'), { mode: 0o600 });
    sa = new KubeClient(loadKubeConfig({ kubeconfig: saKubeconfig }).kc);
    // RBAC is cached by the authorizer: wait until the writer role is in effect (404, not 403).
    await waitFor(sa, `${API}/namespaces/orep-a/reports/${REPORT_NAME}`, 404);
  });

  it('the --format openreports YAML applies server-side with strict field validation and is stored unchanged', async () => {
    const result = sampleIn(NS);
    const docs = [...streamOpenReports(result)];
    const expected = toOpenReports(result);
    expect(docs).toHaveLength(3);
    expect(expected.map((r) => `${r.kind} ${r.metadata.namespace ?? '-'}`)).toEqual(['ClusterReport -', 'Report orep-a', 'Report orep-b']);
    for (const [i, doc] of docs.entries()) {
      const r = expected[i]!;
      const res = await applyStrict(admin, doc.replace(/^---\n/, ''), reportPath(r));
      expect([200, 201], res.body).toContain(res.status);
      const stored = JSON.parse(res.body) as OpenReportObject;
      expect(stored.source).toBe('palisade');
      expect(stored.configuration).toEqual(r.configuration);
      expect(stored.summary).toEqual(r.summary);
      expect(stored.results).toEqual(r.results);
    }
    // The hostile text came through the YAML intact.
    const a = JSON.parse((await admin.request({ path: reportPath(expected[1]!) })).body) as OpenReportObject;
    expect(a.results.some((x) => x.message.includes('\ttab\u0085nel\u2028ls'))).toBe(true);
    const b = JSON.parse((await admin.request({ path: reportPath(expected[2]!) })).body) as OpenReportObject;
    expect(b.results.find((x) => x.resources[0]?.name === 'on')?.message).toBe('yes');
  });

  it('strict field validation is in force: an unknown field and a bad enum are refused', async () => {
    const bad = `apiVersion: openreports.io/v1alpha1\nkind: Report\nmetadata:\n  name: invalid\n  namespace: orep-a\nresults:\n  - policy: x\n    result: bogus\n`;
    const res = await applyStrict(admin, bad, `${API}/namespaces/orep-a/reports/invalid`);
    expect(res.status).toBe(422);
    expect(res.body).toContain('results[0].result');
    // Strict decoding of a create: an unknown field is an error, not silently pruned.
    const unknown = await admin.request({
      method: 'POST',
      path: `${API}/namespaces/orep-a/reports?fieldValidation=Strict`,
      body: JSON.stringify({ apiVersion: 'openreports.io/v1alpha1', kind: 'Report', metadata: { name: 'invalid', namespace: 'orep-a' }, bogus: 1 }),
    });
    expect(unknown.status, unknown.body).toBe(400);
    expect((JSON.parse(unknown.body) as { message: string }).message).toContain('strict decoding error: unknown field "bogus"');
  });

  it('the ServiceAccount with the overlay RBAC creates, then replaces, the same objects (no pile-up)', async () => {
    await admin.request({ method: 'DELETE', path: `${API}/namespaces/orep-a/reports/${REPORT_NAME}` });
    await admin.request({ method: 'DELETE', path: `${API}/namespaces/orep-b/reports/${REPORT_NAME}` });
    await admin.request({ method: 'DELETE', path: `${API}/clusterreports/${CLUSTER_REPORT_NAME}` });
    const kc = loadKubeConfig({ kubeconfig: saKubeconfig }).kc;
    const first = await writeOpenReports(kc, toOpenReports(sampleIn(NS)));
    expect(first.map((o) => `${o.kind} ${o.action}`)).toEqual(['ClusterReport created', 'Report created', 'Report created']);
    const second = await writeOpenReports(kc, toOpenReports(sampleIn(NS, ' (second run)')));
    expect(second.map((o) => o.action)).toEqual(['replaced', 'replaced', 'replaced']);
    const list = JSON.parse((await admin.request({ path: `${API}/namespaces/orep-a/reports` })).body) as { items: OpenReportObject[] };
    expect(list.items.map((i) => i.metadata.name)).toEqual([REPORT_NAME]);
    expect(list.items[0]!.results.every((r) => r.message.endsWith(' (second run)'))).toBe(true);
  });

  it('the writer role is least-privilege: no delete, no list, no update of other producers\' reports', async () => {
    expect((await sa.request({ method: 'DELETE', path: `${API}/namespaces/orep-a/reports/${REPORT_NAME}` })).status).toBe(403);
    expect((await sa.request({ path: `${API}/namespaces/orep-a/reports` })).status).toBe(403);
    const other = { apiVersion: 'openreports.io/v1alpha1', kind: 'Report', metadata: { name: 'kyverno-owned', namespace: 'orep-b' }, results: [] };
    expect((await admin.request({ method: 'POST', path: `${API}/namespaces/orep-b/reports`, body: JSON.stringify(other) })).status).toBe(201);
    const report = { ...toOpenReports(sampleIn(NS))[2]!, metadata: { ...other.metadata, labels: {}, annotations: {} } };
    await expect(writeOpenReports(loadKubeConfig({ kubeconfig: saKubeconfig }).kc, [report])).rejects.toThrow(PolicyReportWriteError);
    await expect(writeOpenReports(loadKubeConfig({ kubeconfig: saKubeconfig }).kc, [report])).rejects.toThrow(/Report orep-b\/kyverno-owned failed: HTTP 403/);
  });

  it('palisade scan --write-openreports (live, as the ServiceAccount) writes the reports', async () => {
    class Sink extends Writable {
      text = '';
      override _write(c: Buffer | string, _e: BufferEncoding, cb: () => void): void {
        this.text += c.toString();
        cb();
      }
    }
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await run(['scan', '--kubeconfig', saKubeconfig, '--write-openreports', '--format', 'json'], { stdout, stderr, env: {} });
    expect(stderr.text).toMatch(/wrote \d+ OpenReports report\(s\) \(\d+ created, \d+ replaced\)/);
    expect([0, 1, 3]).toContain(code);
    const scanned = JSON.parse(stdout.text) as { startedAt: string };
    const cluster = JSON.parse((await admin.request({ path: `${API}/clusterreports/${CLUSTER_REPORT_NAME}` })).body) as OpenReportObject;
    expect(cluster.metadata.annotations['palisade.dev/scan-started-at']).toBe(scanned.startedAt);
    expect(cluster.source).toBe('palisade');
  });
});
