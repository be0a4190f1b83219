import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanResultOf, type ScanResultDocument } from '../../src/report/load.js';
import { ResultStore } from '../../src/findings/store.js';
import type { ScanResult } from '../../src/report/model.js';
import { buildScanRegistry, countSeries } from '../../src/metrics/scan-metrics.js';
import { PROCESS_FAMILIES, SCAN_FAMILIES } from '../../src/metrics/families.js';
import { frameworkCompliance, frameworkOverallCompliance, sectionOf } from '../../src/metrics/extras.js';
import { groupingPath, pushUrl } from '../../src/metrics/push.js';
import { bearerToken, tokenAuthorizer, type ReviewClient } from '../../src/metrics/auth.js';
import { defaultConfig, type WaiverConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { TENANCY_RULES } from '../../src/rules/tenancy/index.js';
import { yamlObjects } from '../helpers/rule-tester.js';

const FIXTURES = new URL('../fixtures/metrics/', import.meta.url);
const fixture = (): ScanResult => scanResultOf(JSON.parse(readFileSync(new URL('scan-result.json', FIXTURES), 'utf8')) as ScanResultDocument);

const WAIVERS: WaiverConfig[] = [
  { rule: 'pss/privileged', namespace: 'legacy', reason: 'migrating', expires: '2026-12-31' },
  { rule: 'pss/host-*', namespace: 'old', reason: 'gone', expires: '2026-01-31' },
];

/** Compares with a committed golden file; UPDATE_GOLDEN=1 rewrites it (review the diff). */
function expectGolden(actual: string, name: string): void {
  const url = new URL(name, FIXTURES);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(url, actual);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

describe('scan metric families', () => {
  it('golden exposition: every family, cluster label, capped finding_info', async () => {
    const reg = buildScanRegistry(fixture(), {
      cluster: 'demo',
      waivers: WAIVERS,
      now: new Date('2026-11-22T05:00:00Z'),
      findingInfo: { enabled: true, limit: 1 },
    });
    expectGolden(await reg.metrics(), 'scan.prom');
  });

  it('golden exposition: defaults (no cluster label, no finding_info)', async () => {
    const text = await buildScanRegistry(fixture()).metrics();
    expectGolden(text, 'scan-default.prom');
    expect(text).not.toContain('cluster=');
    expect(text).not.toContain('palisade_finding_info');
  });

  it('the golden file carries HELP and TYPE of every scan family', () => {
    const golden = readFileSync(new URL('scan.prom', FIXTURES), 'utf8');
    for (const f of Object.values(SCAN_FAMILIES)) {
      expect(golden).toContain(`# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n`);
    }
  });

  it('puts the cluster label on every series when configured', async () => {
    const text = await buildScanRegistry(fixture(), { cluster: 'prod-eu' }).metrics();
    const samples = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(samples.length).toBeGreaterThan(20);
    for (const s of samples) expect(s).toMatch(/cluster="prod-eu"/);
  });

  it('exports failures per namespace only where non-zero, and every status per rule', async () => {
    const reg = buildScanRegistry(fixture());
    const ns = await reg.getSingleMetric('palisade_namespace_failures')!.get();
    expect(ns.values.map((v) => v.labels)).toEqual([
      { namespace: 'shop', tenant: 'acme', rule: 'pss/host-namespaces', severity: 'high' },
      { namespace: 'shop', tenant: 'acme', rule: 'pss/privileged', severity: 'critical' },
    ]);
    const rr = await reg.getSingleMetric('palisade_rule_results')!.get();
    expect(rr.values).toHaveLength(3 * 6);
    expect(rr.values.find((v) => v.labels['rule'] === 'pss/host-namespaces' && v.labels['status'] === 'waived')?.value).toBe(1);
    expect(rr.values.find((v) => v.labels['rule'] === 'pss/privileged' && v.labels['status'] === 'error')?.value).toBe(0);
  });

  it('omits a null score instead of exporting 0', async () => {
    const reg = buildScanRegistry(fixture());
    const ns = await reg.getSingleMetric('palisade_namespace_score')!.get();
    expect(ns.values.map((v) => v.labels['namespace'])).toEqual(['shop']);
  });

  it('counts waivers by state at the given time', async () => {
    const reg = buildScanRegistry(fixture(), { waivers: WAIVERS, now: new Date('2027-01-15T00:00:00Z') });
    const w = await reg.getSingleMetric('palisade_waivers')!.get();
    const states = w.values.map((v) => `${v.labels['rule']}=${v.labels['state']}:${v.value}`).sort();
    expect(states).toEqual(['pss/host-*=expired:1', 'pss/host-namespaces=active:1', 'pss/privileged=expired:1']);
  });

  it('folds file paths of offline input errors into resource="file"', async () => {
    const r = fixture();
    r.source.mode = 'offline';
    r.errors = [
      { source: 'a/b.yaml', message: 'bad', reason: 'parse' },
      { source: 'c/d.yaml', message: 'bad', reason: 'parse' },
    ];
    r.gaps = [];
    const e = await buildScanRegistry(r).getSingleMetric('palisade_scan_errors')!.get();
    expect(e.values).toEqual([{ labels: { resource: 'file', reason: 'parse' }, value: 2 }]);
  });

  it('caps palisade_finding_info and says how many were left out', async () => {
    const reg = buildScanRegistry(fixture(), { findingInfo: { enabled: true, limit: 1 } });
    const info = await reg.getSingleMetric('palisade_finding_info')!.get();
    // The critical finding is kept over the high one.
    expect(info.values.map((v) => v.labels['rule'])).toEqual(['pss/privileged']);
    const omitted = await reg.getSingleMetric('palisade_finding_info_omitted')!.get();
    expect(omitted.values[0]?.value).toBe(1);
  });
});

describe('framework compliance', () => {
  it('derives sections from references when the result has no frameworks', () => {
    expect(frameworkCompliance(fixture())).toEqual([
      // §5.1.3 has a pass and an unknown: evaluated, and not compliant (unknown is never pass).
      { framework: 'CIS', section: '5.1', ratio: 0 },
      { framework: 'CIS', section: '5.2', ratio: 0 },
      { framework: 'PSS', section: 'baseline', ratio: 0 },
    ]);
  });

  it('counts a control compliant when all its results pass', () => {
    const r = fixture();
    r.results = ResultStore.of(r.results.filter((x) => !(x.rule === 'pss/privileged' && x.status === 'fail')));
    expect(frameworkCompliance(r)).toContainEqual({ framework: 'PSS', section: 'baseline', ratio: 0.5 });
  });

  it('prefers result.frameworks (the framework report) and derives only the frameworks it lacks', () => {
    const r = fixture();
    r.frameworks = [
      {
        id: 'cis-1.12', name: 'CIS Kubernetes Benchmark', version: '1.12', statuses: {}, evaluated: 4, passed: 3, compliance: 0.75, controls: [],
        sections: [
          { id: '5.1', title: 'RBAC and Service Accounts', controls: 8, evaluated: 4, passed: 3, compliance: 0.75, statuses: {} },
          { id: '1.2', title: 'API Server', controls: 30, evaluated: 0, passed: 0, compliance: null, statuses: {} },
        ],
      },
    ];
    expect(frameworkCompliance(r)).toEqual([
      // `CIS` references are covered by cis-1.12; PSS is still derived from references.
      { framework: 'cis-1.12', section: '5.1', ratio: 0.75 },
      { framework: 'PSS', section: 'baseline', ratio: 0 },
    ]);
  });

  it('whole-framework compliance is the report figure (passed / evaluated), not the mean of the sections', () => {
    const r = fixture();
    r.frameworks = [
      {
        id: 'cis-1.12', name: 'CIS Kubernetes Benchmark', version: '1.12', statuses: {}, evaluated: 5, passed: 4, compliance: 0.8, controls: [],
        sections: [
          { id: '5.1', title: 'RBAC and Service Accounts', controls: 8, evaluated: 4, passed: 3, compliance: 0.75, statuses: {} },
          { id: '5.2', title: 'Pod Security Standards', controls: 13, evaluated: 1, passed: 1, compliance: 1, statuses: {} },
        ],
      },
    ];
    // Mean of the sections would be 0.875; the report says 4 of 5.
    expect(frameworkOverallCompliance(r)).toEqual([
      { framework: 'cis-1.12', ratio: 0.8 },
      { framework: 'PSS', ratio: 0 },
    ]);
  });

  it('derived whole-framework compliance sums the controls of every section', () => {
    const r = fixture();
    r.results = ResultStore.of(r.results.filter((x) => !(x.rule === 'pss/privileged' && x.status === 'fail')));
    // pss/privileged maps to a CIS 5.2 control too: CIS 5.1 none of one, 5.2 one of one.
    expect(frameworkCompliance(r).filter((s) => s.framework === 'CIS')).toEqual([
      { framework: 'CIS', section: '5.1', ratio: 0 },
      { framework: 'CIS', section: '5.2', ratio: 1 },
    ]);
    expect(frameworkOverallCompliance(r)).toEqual([
      { framework: 'CIS', ratio: 0.5 },
      { framework: 'PSS', ratio: 0.5 },
    ]);
  });

  it.each([
    ['CIS', '1.12 §5.2.2', '5.2'],
    ['CIS', '1.12 §4.2.1', '4.2'],
    ['PSS', 'restricted/seccomp', 'restricted'],
    ['NSA', 'C-0057', 'all'],
    ['MTB', 'MTB-PL1-BC-CPI-5', 'CPI'],
    ['MTB', 'MTB-PL1-CC-FNS-1 (related)', 'FNS'],
    ['MTB', 'pending #1201 (cross-tenant trust edges)', 'pending'],
  ])('section of %s %s is %s', (fw, id, section) => {
    expect(sectionOf(fw, id)).toBe(section);
  });
});

describe('tenant isolation and cross access', () => {
  it('reads per-dimension scores and omits dimensions without a score', async () => {
    const iso = await buildScanRegistry(fixture()).getSingleMetric('palisade_tenant_isolation_score')!.get();
    expect(iso.values.map((v) => `${v.labels['tenant']}/${v.labels['dimension']}=${v.value}`)).toEqual([
      'acme/access=100',
      'acme/network=40',
      'acme/pod-security=0',
      'globex/access=75',
      'globex/network=100',
    ]);
  });

  it('exports the crossTenantAccess edges as they are', async () => {
    const cross = await buildScanRegistry(fixture()).getSingleMetric('palisade_tenant_cross_access')!.get();
    expect(cross.values.map((v) => `${v.labels['source_tenant']}->${v.labels['target_tenant']}:${v.labels['channel']}=${v.value}`)).toEqual([
      'acme->globex:rbac=1',
      'globex->acme:network=2',
    ]);
  });

  it('reads edges only from crossTenantAccess: reachableFrom / accessibleBy entries are not edges of their own', async () => {
    const r = fixture();
    delete r.crossTenantAccess;
    r.tenants![1]!.accessibleBy.push({ subject: 'User/bob', tenant: 'acme', namespace: 'web', verbs: ['get'], via: [] });
    expect(r.tenants!.some((t) => t.reachableFrom.length > 0)).toBe(true);
    const cross = await buildScanRegistry(r).getSingleMetric('palisade_tenant_cross_access')!.get();
    expect(cross.values).toEqual([]);
  });

  it('drops self edges and edges without paths', async () => {
    const r = fixture();
    r.crossTenantAccess = [
      { source: 'acme', target: 'acme', channel: 'rbac', count: 3 },
      { source: 'globex', target: 'acme', channel: 'rbac', count: 0 },
      { source: 'globex', target: 'acme', channel: 'network', count: 2 },
    ];
    const cross = await buildScanRegistry(r).getSingleMetric('palisade_tenant_cross_access')!.get();
    expect(cross.values.map((v) => `${v.labels['source_tenant']}->${v.labels['target_tenant']}:${v.labels['channel']}=${v.value}`)).toEqual(['globex->acme:network=2']);
  });

  it('a scanned platform user outside every tenant gives no source_tenant="none" series; a real cross-tenant grant does give one', async () => {
    const yaml = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a1, labels: {palisade.dev/tenant: acme}}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: g1, labels: {palisade.dev/tenant: globex}}',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ci, namespace: g1}',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: dev}\nrules: [{apiGroups: [""], resources: [pods, secrets], verbs: [get, list, create]}]',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ci, namespace: a1}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: dev}\nsubjects: [{kind: ServiceAccount, name: ci, namespace: g1}]',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ops}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: dev}\nsubjects: [{kind: User, name: ops@example.com}]',
    ].join('\n---\n');
    const snapshot = new Snapshot({ objects: yamlObjects(yaml), source: 't', mode: 'offline' });
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: TENANCY_RULES, now: new Date('2026-06-01T00:00:00Z') });
    expect(result.tenants!.flatMap((t) => t.accessibleBy.filter((a) => a.tenant === 'none').map((a) => a.namespace))).toEqual(['a1', 'g1']);
    const cross = await buildScanRegistry(result).getSingleMetric('palisade_tenant_cross_access')!.get();
    expect(cross.values.map((v) => `${v.labels['source_tenant']}->${v.labels['target_tenant']}:${v.labels['channel']}=${v.value}`)).toEqual(['globex->acme:rbac=1']);
  });

  it('exports no isolation series without tenant reports', async () => {
    const r = fixture();
    delete r.tenants;
    const iso = await buildScanRegistry(r).getSingleMetric('palisade_tenant_isolation_score')!.get();
    expect(iso.values).toEqual([]);
  });
});

describe('Pushgateway grouping key', () => {
  it('groups by job and cluster', () => {
    expect(pushUrl('http://pgw:9091/', 'prod')).toBe('http://pgw:9091/metrics/job/palisade/cluster/prod');
    expect(pushUrl('http://pgw:9091', undefined)).toBe('http://pgw:9091/metrics/job/palisade');
  });
  it('uses the base64 form for values with a slash', () => {
    expect(groupingPath({ cluster: 'eu/1' })).toBe(`/cluster@base64/${Buffer.from('eu/1').toString('base64url')}`);
  });
});

describe('metrics auth decisions', () => {
  function client(allowed: Record<string, boolean>, calls: string[]): ReviewClient {
    return {
      async tokenReview(token) {
        calls.push(`tr:${token}`);
        if (token === 'boom') throw new Error('connection refused');
        return token.startsWith('sa-') ? { authenticated: true, user: `system:serviceaccount:mon:${token}`, groups: ['system:serviceaccounts'] } : { authenticated: false, error: 'invalid token' };
      },
      async accessReview(subject, path) {
        calls.push(`sar:${subject.user}:${path}`);
        return { allowed: allowed[subject.user] === true };
      },
    };
  }

  it('401 without or with a bad token, 403 without permission, 200 with it; cached per token and path', async () => {
    const calls: string[] = [];
    let t = 0;
    const auth = tokenAuthorizer(client({ 'system:serviceaccount:mon:sa-prom': true }, calls), { cacheTtlMs: 1000, now: () => t });
    expect((await auth.check(undefined, '/metrics')).status).toBe(401);
    expect((await auth.check('garbage', '/metrics')).status).toBe(401);
    expect((await auth.check('sa-other', '/metrics')).status).toBe(403);
    expect((await auth.check('sa-prom', '/metrics')).status).toBe(200);
    const before = calls.length;
    expect((await auth.check('sa-prom', '/metrics')).status).toBe(200);
    expect(calls.length).toBe(before);
    t = 1001;
    expect((await auth.check('sa-prom', '/metrics')).status).toBe(200);
    expect(calls.length).toBe(before + 2);
  });

  it('fails closed with 503 and does not cache when the API cannot be reached', async () => {
    const calls: string[] = [];
    const auth = tokenAuthorizer(client({}, calls));
    expect((await auth.check('boom', '/metrics')).status).toBe(503);
    expect((await auth.check('boom', '/metrics')).status).toBe(503);
    expect(calls).toEqual(['tr:boom', 'tr:boom']);
  });

  it('reads the bearer token from the header', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('docs/metrics.md', () => {
  it('documents every family', () => {
    const doc = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    for (const f of [...Object.values(SCAN_FAMILIES), ...Object.values(PROCESS_FAMILIES)]) {
      expect(doc, f.name).toContain(`\`${f.name}\``);
    }
  });
});

describe('countSeries', () => {
  it('counts sample lines only', () => {
    expect(countSeries('# HELP a x\n# TYPE a gauge\na 1\na{b="c"} 2\n')).toBe(2);
  });
});
