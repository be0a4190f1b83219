import { describe, expect, it } from 'vitest';
import type { RuleResult, Status } from '../model/result.js';
import type { RuleDescriptor } from '../report/model.js';
import { CIS_1_12 } from './cis-1.12.js';
import { ResultStore } from '../findings/store.js';
import { buildFrameworkReport, controlsOf, renderFrameworkText } from './report.js';

describe('CIS 1.12 catalog', () => {
  const cs = CIS_1_12.controls;
  it('has the 131 controls of kube-bench cfg/cis-1.12 (65 Automated)', () => {
    expect(cs).toHaveLength(131);
    expect(new Set(cs.map((c) => c.id)).size).toBe(131);
    expect(cs.filter((c) => c.automated)).toHaveLength(65);
  });
  it('section and class counts', () => {
    const top = (p: string) => cs.filter((c) => c.id.split('.')[0] === p).length;
    expect([top('1'), top('2'), top('3'), top('4'), top('5')]).toEqual([60, 7, 5, 25, 34]);
    const cls = (k: string) => cs.filter((c) => c.class === k).length;
    expect([cls('a'), cls('b'), cls('c'), cls('d')]).toEqual([48, 13, 33, 37]);
  });
  it('every class d control says why it is manual, and only those', () => {
    for (const c of cs) expect(c.manual !== undefined, c.id).toBe(c.class === 'd');
    const sections = new Set(CIS_1_12.sections.map(([id]) => id));
    for (const c of cs) expect(sections.has(c.section), c.id).toBe(true);
  });
});

const rule = (id: string, refs: string[]): RuleDescriptor => ({
  id,
  title: id,
  severity: 'high',
  family: id.split('/')[0]!,
  category: 'security',
  references: refs.map((r) => ({ framework: 'CIS', id: `1.12 §${r}` })),
  description: '',
  remediation: '',
});
const result = (ruleId: string, status: Status, name = 'x', message: string = status): RuleResult => ({
  rule: ruleId,
  status,
  severity: 'high',
  object: { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name },
  message,
  evidence: [],
});

describe('buildFrameworkReport', () => {
  const rules = [rule('pss/privileged', ['5.2.2']), rule('control-plane/a', ['1.2.6', '1.2.7']), rule('kubelet/k', ['4.2.1']), rule('other/x', [])];
  const report = buildFrameworkReport(CIS_1_12, rules, ResultStore.of([
    result('pss/privileged', 'pass', 'p1'),
    result('pss/privileged', 'fail', 'p2', 'Container "app" runs privileged'),
    result('control-plane/a', 'pass'),
    result('kubelet/k', 'unknown', 'c', 'kubelet configuration not available offline'),
  ]));
  const byId = new Map(report.controls.map((c) => [c.id, c]));

  it('maps rules through CIS references', () => {
    expect(controlsOf(rules[1]!, CIS_1_12)).toEqual(['1.2.6', '1.2.7']);
    expect(byId.get('1.2.7')?.rules).toEqual(['control-plane/a']);
  });
  it('a fail among passes fails the control, with the finding', () => {
    const c = byId.get('5.2.2')!;
    expect(c.status).toBe('fail');
    expect(c.counts).toEqual({ pass: 1, fail: 1 });
    expect(c.findings).toEqual([{ rule: 'pss/privileged', status: 'fail', object: 'Pod/a/p2', message: 'Container "app" runs privileged' }]);
  });
  it('unknown keeps its reason; manual controls say why; unmapped controls are unknown', () => {
    expect(byId.get('4.2.1')).toMatchObject({ status: 'unknown', reason: 'kubelet configuration not available offline' });
    expect(byId.get('1.1.1')).toMatchObject({ status: 'manual', reason: 'node file permissions and ownership are not visible through the API' });
    expect(byId.get('5.1.1')?.status).toBe('unknown');
  });
  it('5.6.3 folds the pod-security controls it includes', () => {
    expect(byId.get('5.6.3')).toMatchObject({ status: 'fail', rules: ['pss/privileged'] });
  });
  it('section compliance = passing / evaluated controls', () => {
    const s12 = report.sections.find((s) => s.id === '1.2')!;
    expect(s12).toMatchObject({ controls: 30, evaluated: 2, passed: 2, compliance: 1 });
    const s52 = report.sections.find((s) => s.id === '5.2')!;
    expect(s52).toMatchObject({ evaluated: 1, passed: 0, compliance: 0 });
    // 1.2.6, 1.2.7 pass; 5.2.2 and 5.6.3 (which folds 5.2.2) fail
    expect(report.evaluated).toBe(4);
    expect(report.compliance).toBe(0.5);
    expect(report.statuses.manual).toBe(37);
    expect(report.sections.map((x) => x.id).slice(0, 5)).toEqual(['1.1', '1.2', '1.3', '1.4', '2']);
  });
  it('renders a text block with every control when asked', () => {
    const text = renderFrameworkText(report, true);
    expect(text).toContain('5.2.2   fail');
    expect(text.split('\n').filter((l) => /^\s{2}[\d.]+\s+(pass|fail|unknown|manual|not-applicable|waived|error)\s/.test(l))).toHaveLength(131);
  });
});

describe('published schema', () => {
  it('docs/scan-result.schema.json accepts a framework report and rejects a bad status', async () => {
    const { readFileSync } = await import('node:fs');
    const { createAjv } = await import('../config/ajv.js');
    const schema = JSON.parse(readFileSync(new URL('../../docs/scan-result.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const ajv = createAjv();
    ajv.addSchema(schema);
    const validate = ajv.getSchema(`${String(schema['$id'])}#/$defs/frameworkReport`)!;
    const report = buildFrameworkReport(CIS_1_12, [rule('pss/privileged', ['5.2.2'])], ResultStore.of([result('pss/privileged', 'fail')]));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const bad = { ...report, controls: [{ ...report.controls[0]!, status: 'maybe' }] };
    expect(validate(bad)).toBe(false);
  });
});
