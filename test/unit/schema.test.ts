import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/config/ajv.js';
import { defaultConfig } from '../../src/config/types.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { frameworkReports } from '../../src/frameworks/report.js';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { loadManifests } from '../../src/inventory/files.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { ScanResult } from '../../src/report/model.js';
import { ResultStore } from '../../src/findings/store.js';
import { renderJsonString } from '../../src/report/json.js';
import type { ScanResultDocument } from '../../src/report/load.js';
import { RULES } from '../../src/rules/index.js';
import { yamlObjects } from '../helpers/rule-tester.js';

const ROOT = join(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'docs/scan-result.schema.json'), 'utf8')) as object;
const validate = createAjv().compile(schema);

/** The JSON document a result is written as (the streaming writer), or a document as given. */
function documentOf(result: unknown): ScanResultDocument {
  if (typeof result === 'object' && result !== null && (result as ScanResult).results instanceof ResultStore) {
    return JSON.parse(renderJsonString(result as ScanResult)) as ScanResultDocument;
  }
  return JSON.parse(JSON.stringify(result)) as ScanResultDocument;
}

function expectValid(result: unknown): void {
  const ok = validate(documentOf(result));
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
}

function expectInvalid(result: unknown): void {
  expect(validate(result)).toBe(false);
}

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {palisade.dev/tenant: acme}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, annotations: {palisade.dev/waive: pss/privileged, palisade.dev/waive-reason: legacy}}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27, securityContext: {privileged: true}}]
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  containers: [{name: sh, image: busybox:1, securityContext: {privileged: true}}]
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
`;

const throwing: Rule = defineRule({
  meta: {
    id: 'test/throws',
    title: 'Always throws',
    description: 'A rule that throws, to produce error results',
    remediation: 'None needed',
    severity: 'low',
    category: 'reliability',
    references: [],
    targets: ['Pod'],
    scope: 'object',
    messages: {},
  },
  check() {
    throw new Error('boom');
  },
});

function scan(snapshot: Snapshot, edit?: (c: ReturnType<typeof defaultConfig>) => void, rules: readonly Rule[] = RULES): ScanResult {
  const config = defaultConfig();
  edit?.(config);
  return scanSnapshot(snapshot, { config, rules, now: new Date('2026-06-01T00:00:00Z') }).result;
}

describe('docs/scan-result.schema.json', () => {
  const objects = yamlObjects(MANIFESTS);

  it('is itself a valid draft 2020-12 schema', () => {
    expect(createAjv().validateSchema(schema)).toBe(true);
  });

  it('accepts a plain offline scan', () => {
    expectValid(scan(new Snapshot({ objects, source: 'inline', mode: 'offline' })));
  });

  it('accepts a scan with config and annotation waivers, an expired waiver, and a cluster name', () => {
    const result = scan(new Snapshot({ objects, source: 'inline', mode: 'offline', cluster: { version: 'v1.36.3' } }), (c) => {
      c.clusterName = 'prod';
      c.annotationWaivers = true;
      c.waivers.push({ rule: 'pss/privileged', namespace: 'shop', name: 'debug', reason: 'r', approver: 'a', ticket: 'T-1', expires: '2026-12-31' });
      c.waivers.push({ rule: 'pss/*', namespace: 'other', reason: 'old', expires: '2026-01-01' });
    });
    expect(result.summary.counts.waived).toBeGreaterThanOrEqual(2);
    expect(result.results.some((r) => r.rule === 'palisade/waiver-expired' && r.status === 'fail')).toBe(true);
    expectValid(result);
  });

  it('accepts an incomplete live-style scan: gaps, inventory errors, unknown and error results', () => {
    const snapshot = new Snapshot({
      objects,
      source: 'https://127.0.0.1:6443',
      mode: 'live',
      gaps: [{ kind: 'DaemonSet', reason: 'daemonsets.apps is forbidden', code: 'forbidden' }],
      errors: [{ source: 'apps/v1 daemonsets', reason: 'forbidden', message: 'forbidden' }],
    });
    const result = scan(snapshot, undefined, [...RULES, throwing]);
    expect(result.incomplete).toBe(true);
    expect(result.summary.counts.unknown).toBeGreaterThan(0);
    expect(result.summary.counts.error).toBeGreaterThan(0);
    expectValid(result);
  });

  it('accepts a scan of files with parse errors and located results', async () => {
    const loaded = await loadManifests([join(ROOT, 'test/fixtures/bad-input/mixed')]);
    const result = scan(new Snapshot({ objects: loaded.objects, locations: loaded.locations, errors: loaded.errors, source: 'mixed', mode: 'offline' }));
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.results.some((r) => r.location !== undefined)).toBe(true);
    expectValid(result);
  });

  it('accepts the scan of examples/demo-cluster', async () => {
    const loaded = await loadManifests([join(ROOT, 'examples/demo-cluster')]);
    expect(loaded.objects.length).toBeGreaterThan(100);
    const result = scan(new Snapshot({ objects: loaded.objects, locations: loaded.locations, errors: loaded.errors, source: 'examples/demo-cluster', mode: 'offline' }));
    result.frameworks = frameworkReports(result.rules, result.results); // as `scan --framework` adds them
    // As `scan --baseline previous.json` adds it: against a scan of half the demo, so new findings exist.
    const half = scan(new Snapshot({ objects: loaded.objects.slice(0, 90), source: 'half', mode: 'offline' }));
    result.baseline = compareWithBaseline(result, half);
    expect(result.baseline.counts.new).toBeGreaterThan(0);
    // The optional sections are present, so the schema checks them too.
    expect(result.tenants?.length).toBeGreaterThanOrEqual(3);
    expect(result.crossTenantAccess).toBeDefined();
    expect(result.frameworks.length).toBeGreaterThan(0);
    expectValid(result);
    expectInvalid({ ...documentOf(result), baseline: { counts: {} } }); // the baseline shape is checked too
  });

  describe('is not vacuous: it rejects wrong shapes', () => {
    const good = documentOf(scan(new Snapshot({ objects, source: 'inline', mode: 'offline' })));
    const failIndex = good.results.findIndex((r) => r.status === 'fail');
    const variant = (edit: (r: ScanResultDocument) => void): unknown => {
      const copy = structuredClone(good);
      edit(copy);
      return copy;
    };
    const loose = (o: object): Record<string, unknown> => o as Record<string, unknown>;
    it('the unmodified result is valid and has a fail to mutate (control)', () => {
      expect(failIndex).toBeGreaterThanOrEqual(0);
      expectValid(good);
    });
    it('missing summary.score', () => expectInvalid(variant((r) => delete loose(r.summary)['score'])));
    it('score above 100', () => expectInvalid(variant((r) => (r.summary.score = 150))));
    it('unknown status', () => expectInvalid(variant((r) => (loose(r.results[0]!)['status'] = 'passed'))));
    it('unknown severity', () => expectInvalid(variant((r) => (loose(r.results[0]!)['severity'] = 'urgent'))));
    it('evidence without a path', () => expectInvalid(variant((r) => delete loose(r.results[failIndex]!.evidence[0]!)['path'])));
    it('a fail without evidence', () => expectInvalid(variant((r) => (r.results[failIndex]!.evidence = []))));
    it('a waived result without its waiver', () => expectInvalid(variant((r) => (r.results[0]!.status = 'waived'))));
    it('an unknown top-level key', () => expectInvalid(variant((r) => (loose(r)['extra'] = 1))));
    it('an unknown key in a result', () => expectInvalid(variant((r) => (loose(r.results[0]!)['fixed'] = true))));
    it('a count that is not an integer', () => expectInvalid(variant((r) => (r.summary.counts.pass = 1.5))));
    it('a bad startedAt', () => expectInvalid(variant((r) => (r.startedAt = 'yesterday'))));
    it('schemaVersion 3.x', () => expectInvalid(variant((r) => (r.schemaVersion = '3.0'))));
    it('a compact group naming an object that is not in objects', () => expectInvalid(variant((r) => (r.compactResults![0]!.objects = [-1]))));
    it('a compact group with a failing status', () => expectInvalid(variant((r) => (loose(r.compactResults![0]!)['status'] = 'fail'))));
    it('the compact parts present (control)', () => {
      expect(good.compactResults!.length).toBeGreaterThan(0);
      expect(good.objects!.length).toBeGreaterThan(0);
    });
  });
});
