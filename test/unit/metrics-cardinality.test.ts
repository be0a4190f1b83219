/**
 * Default series stay bounded by rules × namespaces, never by object count. The figures are
 * printed so the closing note and docs/metrics.md can quote them.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { loadManifests } from '../../src/inventory/files.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { buildScanRegistry, countSeries, MAX_KUBELET_VERSION_SERIES } from '../../src/metrics/scan-metrics.js';
import { RULES } from '../../src/rules/index.js';
import { frameworkReports } from '../../src/frameworks/report.js';
import type { ScanResult } from '../../src/report/model.js';

/** What `palisade scan` and `palisade serve` publish: the scan plus its framework reports. */
function withFrameworks(result: ScanResult): ScanResult {
  result.frameworks = frameworkReports(result.rules, result.results);
  return result;
}

const NAMESPACES = 100;
const OBJECTS = 100_000;
const MAX_SERIES = 5_000;

/**
 * Pods across 100 namespaces (plus one ServiceAccount each). Most pods follow the restricted
 * profile; every 50th one is privileged with hostPID, a hostPort and a hostPath, so rules fail
 * in every namespace without a million failing results slowing the scan down.
 */
function generate(): K8sObject[] {
  const objects: K8sObject[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns-${n}`, labels: { 'palisade.dev/tenant': `tenant-${n % 10}` } },
    });
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: `ns-${n}` }, automountServiceAccountToken: false });
  }
  const good = {
    name: 'main',
    image: 'registry.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    imagePullPolicy: 'IfNotPresent',
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    readinessProbe: { httpGet: { path: '/readyz', port: 8080 } },
  };
  for (let i = objects.length; i < OBJECTS; i++) {
    const bad = i % 50 === 0;
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: `ns-${i % NAMESPACES}`, uid: `uid-${i}`, labels: { app: `app-${i % 50}` } },
      spec: bad
        ? {
            hostPID: true,
            containers: [{ name: 'main', image: 'registry.example/app:latest', securityContext: { privileged: true }, ports: [{ containerPort: 80, hostPort: 8080 }] }],
            volumes: [{ name: 'root', hostPath: { path: '/' } }],
          }
        : {
            serviceAccountName: 'app',
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [good],
          },
    });
  }
  return objects;
}

describe('metric cardinality', () => {
  it(`a ${OBJECTS.toLocaleString('en')}-object input produces at most ${MAX_SERIES} series by default`, async () => {
    const snapshot = new Snapshot({ objects: generate(), source: 'generated', mode: 'offline' });
    const result = withFrameworks(scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES }).result);
    expect(result.summary.objects.total).toBe(OBJECTS);
    expect(result.summary.counts.fail).toBeGreaterThan(OBJECTS / 50);
    const text = await buildScanRegistry(result, { cluster: 'big' }).metrics();
    const series = countSeries(text);
    process.stdout.write(`[metrics] 100,000-object input: ${series} series (${result.rules.length} rules, ${NAMESPACES} namespaces, ${result.summary.counts.fail} failing results)\n`);
    expect(series).toBeLessThanOrEqual(MAX_SERIES);
    // Failing namespaces do show up: the bound comes from aggregation, not from dropping data.
    expect(text).toContain('palisade_namespace_failures{namespace="ns-99"');
    // No object name reaches a label.
    expect(text).not.toMatch(/"pod-\d+"/);
  }, 600_000);

  it('the opt-in finding_info family stays under its cap', async () => {
    const snapshot = new Snapshot({ objects: generate().slice(0, 10_000), source: 'generated', mode: 'offline' });
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES });
    const reg = buildScanRegistry(result, { findingInfo: { enabled: true, limit: 150 } });
    const info = await reg.getSingleMetric('palisade_finding_info')!.get();
    expect(info.values).toHaveLength(150);
    const omitted = await reg.getSingleMetric('palisade_finding_info_omitted')!.get();
    expect(omitted.values[0]!.value).toBeGreaterThan(0);
  }, 60_000);

  it('palisade_kubernetes_version_info: one control-plane series and one per kubelet version (capped), never one per node', async () => {
    // 2,000 nodes over 30 kubelet versions: node count must not reach the series count.
    const nodes: K8sObject[] = [];
    for (let i = 0; i < 2000; i++) {
      nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}` }, status: { nodeInfo: { kubeletVersion: `v1.${30 + (i % 6)}.${i % 5}` } } });
    }
    const snapshot = new Snapshot({ objects: nodes, source: 'generated', mode: 'live', cluster: { version: 'v1.36.3' } });
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES });
    expect(result.summary.kubernetesVersions?.kubelets).toHaveLength(30);
    const g = await buildScanRegistry(result).getSingleMetric('palisade_kubernetes_version_info')!.get();
    const kubelet = g.values.filter((v) => v.labels['component'] === 'kubelet');
    expect(g.values.filter((v) => v.labels['component'] === 'control-plane').map((v) => [v.labels['version'], v.value])).toEqual([['v1.36.3', 1]]);
    expect(kubelet).toHaveLength(MAX_KUBELET_VERSION_SERIES + 1);
    expect(kubelet.at(-1)!.labels['version']).toBe('other');
    expect(kubelet.reduce((n, v) => n + v.value, 0)).toBe(2000);
    expect(g.values.some((v) => String(v.labels['version']).startsWith('node-'))).toBe(false);
  });

  it('the demo cluster stays far below the bound', async () => {
    const loaded = await loadManifests(['examples/demo-cluster']);
    expect(loaded.objects.length).toBeGreaterThan(0);
    const snapshot = new Snapshot({ objects: loaded.objects, locations: loaded.locations, errors: loaded.errors, source: 'examples/demo-cluster', mode: 'offline' });
    const result = withFrameworks(scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES }).result);
    const series = countSeries(await buildScanRegistry(result, { cluster: 'demo' }).metrics());
    process.stdout.write(`[metrics] demo cluster: ${series} series (${loaded.objects.length} objects, ${result.rules.length} rules)\n`);
    expect(series).toBeLessThanOrEqual(MAX_SERIES);
  });
});
