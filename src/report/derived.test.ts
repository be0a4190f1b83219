import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultStore, compareResults } from '../findings/store.js';
import { createAjv } from '../config/ajv.js';
import type { RuleResult } from '../model/result.js';
import { CROSS_TENANT_SECTION, FRAMEWORKS_SECTION, SAMPLE_RESULTS, SAMPLE_RULES, TENANTS_SECTION } from '../../test/fixtures/reports/sample.js';
import { coveredReferenceFrameworks, dimensionScores, referenceControls, digestByRule, digestStatuses, sortedCrossTenantEdges, tenantsByName } from './derived.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/scan-result.schema.json'), 'utf8')) as { $schema?: string; $defs: object; properties: Record<string, object> };
/** The published schema of just the framework and tenant parts of a ScanResult. */
const sectionsSchema = {
  ...(schema.$schema ? { $schema: schema.$schema } : {}),
  $defs: schema.$defs,
  type: 'object',
  additionalProperties: false,
  required: ['frameworks', 'tenants', 'crossTenantAccess'],
  properties: { frameworks: schema.properties['frameworks'], tenants: schema.properties['tenants'], crossTenantAccess: schema.properties['crossTenantAccess'] },
};

describe('shared report/metrics derivations', () => {
  it('the fixture framework and tenant sections are valid against the published ScanResult schema', () => {
    const validate = createAjv().compile(sectionsSchema);
    const sections = { frameworks: FRAMEWORKS_SECTION, tenants: TENANTS_SECTION, crossTenantAccess: CROSS_TENANT_SECTION };
    expect(validate(JSON.parse(JSON.stringify(sections))), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(validate({ ...sections, tenants: [{ ...TENANTS_SECTION[0]!, isolation: [] }] })).toBe(false);
  });

  it('digests results by rule: counts per status, the results that are neither pass nor not-applicable, in report order', () => {
    const store = ResultStore.of(SAMPLE_RESULTS);
    const byRule = digestByRule(store);
    expect([...byRule.values()].reduce((n, d) => n + Object.values(d.counts).reduce((a, b) => a + (b ?? 0), 0), 0)).toBe(SAMPLE_RESULTS.length);
    for (const [rule, d] of byRule) {
      const mine = [...SAMPLE_RESULTS].sort(compareResults).filter((r) => r.rule === rule);
      expect(d.notable.map((i) => store.at(i))).toEqual(mine.filter((r) => r.status !== 'pass' && r.status !== 'not-applicable'));
      expect(d.notApplicableReasons).toEqual([...new Set(mine.filter((r) => r.status === 'not-applicable').map((r) => r.message))]);
      for (const s of ['pass', 'fail', 'waived', 'unknown', 'not-applicable', 'error'] as const) {
        expect(d.counts[s] ?? 0, `${rule} ${s}`).toBe(mine.filter((r) => r.status === s).length);
      }
    }
  });

  it('lists each referenced control once, with every rule that references it and their results', () => {
    const rules = [
      { ...SAMPLE_RULES[0]!, id: 'a/one', title: '', references: [{ framework: 'CIS', id: '1.12 §5.2.2' }] },
      { ...SAMPLE_RULES[0]!, id: 'a/two', title: 'Second', references: [{ framework: 'CIS', id: '1.12 §5.2.2' }, { framework: 'PSS', id: 'baseline/x' }] },
    ];
    const results = [{ ...SAMPLE_RESULTS[0]!, rule: 'a/two', status: 'fail' }, { ...SAMPLE_RESULTS[0]!, rule: 'a/one', status: 'pass' }] as RuleResult[];
    const controls = referenceControls({ rules, results: ResultStore.of(results) });
    expect(controls.map((c) => [c.framework, c.id, c.title, c.rules, digestStatuses(c.digests)])).toEqual([
      ['CIS', '1.12 §5.2.2', 'Second', ['a/one', 'a/two'], ['pass', 'fail']],
      ['PSS', 'baseline/x', 'Second', ['a/two'], ['fail']],
    ]);
  });

  it('a framework report covers the reference framework its catalog entry names; an unknown framework covers nothing', () => {
    expect([...coveredReferenceFrameworks(FRAMEWORKS_SECTION)]).toEqual(['CIS']);
    expect(coveredReferenceFrameworks([{ ...FRAMEWORKS_SECTION[0]!, id: 'cis-9.9' }]).size).toBe(0);
    expect(coveredReferenceFrameworks(undefined).size).toBe(0);
  });

  it('sorts tenants by name; dimension scores in report order, null where nothing was evaluated', () => {
    expect(tenantsByName({ tenants: TENANTS_SECTION }).map((t) => t.name)).toEqual(['alpha', 'beta']);
    expect(tenantsByName({}).length).toBe(0);
    expect(dimensionScores(TENANTS_SECTION[1]!)).toEqual([
      { dimension: 'network', score: 40 },
      { dimension: 'access', score: 80 },
      { dimension: 'compute', score: 100 },
      { dimension: 'pod-security', score: null },
      { dimension: 'storage', score: null },
      { dimension: 'exposure', score: null },
    ]);
  });

  it('sorts the cross-tenant edges by source, target and channel without changing the result', () => {
    const edges = [
      { source: 'b', target: 'a', channel: 'rbac', count: 1 },
      { source: 'a', target: 'b', channel: 'rbac', count: 2 },
      { source: 'b', target: 'a', channel: 'network', count: 3 },
    ] as const;
    const result = { crossTenantAccess: [...edges] };
    expect(sortedCrossTenantEdges(result).map((e) => `${e.source}>${e.target}:${e.channel}`)).toEqual(['a>b:rbac', 'b>a:network', 'b>a:rbac']);
    expect(result.crossTenantAccess).toEqual(edges);
    expect(sortedCrossTenantEdges({})).toEqual([]);
  });
});
