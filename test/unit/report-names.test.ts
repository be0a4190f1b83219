/**
 * One name per number, and frameworks are frameworks: a tenant's isolation score and its results
 * score are named apart everywhere; peer tools' check IDs are cross-references, never framework
 * controls or framework metric series; results written by schema 2.0 are read with the new names.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { isFrameworkRef, isPeerRef, normalizeReference, peer } from '../../src/model/result.js';
import { frameworkCompliance, frameworkOverallCompliance } from '../../src/metrics/extras.js';
import { referenceControls } from '../../src/report/derived.js';
import { renderJsonString } from '../../src/report/json.js';
import { scanResultOf, type ScanResultDocument } from '../../src/report/load.js';
import { refsText } from '../../src/report/common.js';
import { renderTable } from '../../src/report/table.js';
import type { RuleDescriptor } from '../../src/report/model.js';
import { CROSS_TENANT_SECTION, SAMPLE_RULES, TENANTS_SECTION, sampleResult } from '../fixtures/reports/sample.js';

const FRAMEWORKS = new Set(['CIS', 'PSS', 'NSA', 'MTB', 'MITRE ATT&CK', 'Microsoft Threat Matrix']);

describe('framework references and peer cross-references', () => {
  it('every built-in rule names only control frameworks as frameworks; peer tools are cross-references', () => {
    const refs = RULES.flatMap((r) => r.meta.references);
    expect(new Set(refs.filter(isFrameworkRef).map((r) => r.framework))).toEqual(FRAMEWORKS);
    const tools = new Set(refs.filter(isPeerRef).map((r) => r.tool));
    expect(tools).toContain('kubescape');
    expect(tools).toContain('polaris');
  });

  it('peer references make no framework control, no compliance series and are listed as "see also"', () => {
    const rule: RuleDescriptor = { ...SAMPLE_RULES[0]!, references: [...SAMPLE_RULES[0]!.references, peer('kubescape/C-0057'), peer('kubent')] };
    const result = sampleResult({ extra: { rules: [rule, ...SAMPLE_RULES.slice(1)] } });
    const frameworks = new Set(referenceControls(result).map((c) => c.framework));
    expect(frameworks).toEqual(new Set(['CIS', 'PSS', 'MTB']));
    for (const s of [...frameworkCompliance(result), ...frameworkOverallCompliance(result)]) expect(['CIS', 'PSS', 'MTB']).toContain(s.framework);
    expect(refsText(rule.references)).toBe('CIS 1.12 §5.2.2, PSS baseline/privileged; see also kubescape C-0057, kubent');
  });

  it('reads the 2.0 forms ({framework: "peer"}, {framework: "Kubescape"}) as peer references', () => {
    expect(normalizeReference({ framework: 'peer', id: 'polaris/tlsSettingsMissing' })).toEqual({ kind: 'peer', tool: 'polaris', id: 'tlsSettingsMissing' });
    expect(normalizeReference({ framework: 'Kubescape', id: 'C-0256' })).toEqual({ kind: 'peer', tool: 'kubescape', id: 'C-0256' });
    expect(normalizeReference({ framework: 'CIS', id: '1.12 §5.2.2' })).toEqual({ framework: 'CIS', id: '1.12 §5.2.2' });
  });
});

describe('a tenant has a results score and an isolation score, named apart', () => {
  const result = sampleResult({ extra: { tenants: TENANTS_SECTION, crossTenantAccess: CROSS_TENANT_SECTION } });

  it('a 2.0 result (isolation score named `score`, peer refs as frameworks) is read with the 2.1 names and renders as a 2.1 one', () => {
    const doc = JSON.parse(renderJsonString(result)) as ScanResultDocument;
    const old = structuredClone(doc);
    old.schemaVersion = '2.0';
    for (const t of old.tenants ?? []) delete (t as Partial<typeof t>).isolationScore;
    old.rules[0]!.references.push({ framework: 'Kubescape', id: 'C-0057' });
    const read = scanResultOf(old);
    expect(read.tenants?.map((t) => [t.name, t.isolationScore, t.score])).toEqual([
      ['beta', 90, 90],
      ['alpha', 61.5, 61.5],
    ]);
    expect(Object.keys(read.tenants![0]!)).toEqual(Object.keys(doc.tenants![0]!));
    expect(read.rules[0]!.references.at(-1)).toEqual({ kind: 'peer', tool: 'kubescape', id: 'C-0057' });
  });

  it('the table shows both under their own names', () => {
    const table = renderTable(result, { color: false, width: 200 });
    expect(table).toContain('isolation score: isolation rules only; results score: every rule');
    const header = table.split('\n').find((l) => l.trim().startsWith('tenant '))!;
    expect(header.trim().split(/\s{2,}/)).toEqual(['tenant', 'profile', 'isolation', 'network', 'access', 'compute', 'pod-security', 'storage', 'exposure', 'coverage', 'results', 'namespaces']);
    const alpha = table.split('\n').find((l) => l.trim().startsWith('alpha '))!;
    const cells = alpha.trim().split(/\s{2,}/);
    expect(cells[1]).toBe('soft');
    expect(cells[2]).toBe('62'); // isolation score 61.5
    const resultsScore = result.summary.byTenant.find((t) => t.name === 'alpha')!.score!;
    expect(cells[10]).toBe(resultsScore.toFixed(0));
    expect(resultsScore).not.toBe(61.5);
  });
});
