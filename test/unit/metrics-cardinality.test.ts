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
import { buildScanRegistry, countSeries } from '../../src/metrics/scan-metrics.js';
import { RULES } from '../../src/rules/index.js';

const NAMESPACES = 100;
const OBJECTS = 100_000;
const MAX_SERIES = 5_000;

/** Pods across 100 namespaces; every 7th one privileged, hostPID, hostPath... so rules fail everywhere. */
function generate(): K8sObject[] {
  const objects: K8sObject[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns-${n}`, labels: { 'palisade.dev/tenant': `tenant-${n % 10}` } },
    });
  }
  for (let i = objects.length; i < OBJECTS; i++) {
    const bad = i % 7 === 0;
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: `ns-${i % NAMESPACES}`, uid: `uid-${i}`, labels: { app: `app-${i % 50}` } },
      spec: {
        hostPID: bad,
        containers: [
          {
            name: 'main',
            image: 'registry.example/app:1.0',
            securityContext: bad ? { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } : { allowPrivilegeEscalation: false },
            ...(bad ? { ports: [{ containerPort: 80, hostPort: 8080 }] } : {}),
          },
        ],
        ...(bad ? { volumes: [{ name: 'root', hostPath: { path: '/' } }] } : {}),
      },
    });
  }
  return objects;
}

describe('metric cardinality', () => {
  it(`a ${OBJECTS.toLocaleString('en')}-object input produces at most ${MAX_SERIES} series by default`, async () => {
    const snapshot = new Snapshot({ objects: generate(), source: 'generated', mode: 'offline' });
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES });
    expect(result.summary.objects.total).toBe(OBJECTS);
    expect(result.summary.counts.fail).toBeGreaterThan(1000);
    const text = await buildScanRegistry(result, { cluster: 'big' }).metrics();
    const series = countSeries(text);
    process.stdout.write(`[metrics] 100,000-object input: ${series} series (${result.rules.length} rules, ${NAMESPACES} namespaces, ${result.summary.counts.fail} failing results)\n`);
    expect(series).toBeLessThanOrEqual(MAX_SERIES);
    // Failing namespaces do show up: the bound comes from aggregation, not from dropping data.
    expect(text).toContain('palisade_namespace_failures{namespace="ns-99"');
    expect(text).not.toContain('pod-');
  }, 120_000);

  it('the opt-in finding_info family stays under its cap', async () => {
    const snapshot = new Snapshot({ objects: generate().slice(0, 20_000), source: 'generated', mode: 'offline' });
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES });
    const reg = buildScanRegistry(result, { findingInfo: { enabled: true, limit: 250 } });
    const info = await reg.getSingleMetric('palisade_finding_info')!.get();
    expect(info.values).toHaveLength(250);
    const omitted = await reg.getSingleMetric('palisade_finding_info_omitted')!.get();
    expect(omitted.values[0]!.value).toBeGreaterThan(0);
  }, 60_000);

  it('the demo cluster stays far below the bound', async () => {
    const loaded = await loadManifests(['examples/demo-cluster']);
    expect(loaded.objects.length).toBeGreaterThan(0);
    const snapshot = new Snapshot({ objects: loaded.objects, locations: loaded.locations, errors: loaded.errors, source: 'examples/demo-cluster', mode: 'offline' });
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES });
    const series = countSeries(await buildScanRegistry(result, { cluster: 'demo' }).metrics());
    process.stdout.write(`[metrics] demo cluster: ${series} series (${loaded.objects.length} objects, ${result.rules.length} rules)\n`);
    expect(series).toBeLessThanOrEqual(MAX_SERIES);
  });
});
