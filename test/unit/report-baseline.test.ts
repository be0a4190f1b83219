import { describe, expect, it } from 'vitest';
import { asBaselineInput, baselineStates, compareWithBaseline, hasNewFindings, upgradeComparison, type BaselineComparison } from '../../src/report/baseline.js';
import { ResultStore } from '../../src/findings/store.js';
import { renderJsonString } from '../../src/report/json.js';
import type { RuleResult } from '../../src/model/result.js';
import type { ScanResult } from '../../src/report/model.js';
import { SAMPLE_RESULTS, sampleResult } from '../fixtures/reports/sample.js';

const fail = (rule: string, name: string, message = 'm'): RuleResult => ({
  rule,
  status: 'fail',
  severity: 'high',
  object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name },
  message,
  evidence: [],
});

const waiver = { rule: 'a/*', reason: 'accepted risk', approver: 'sec-team', expires: '2026-06-30', source: 'config' as const };
const waived = (rule: string, name: string, w = waiver): RuleResult => ({ ...fail(rule, name), status: 'waived', waiver: w });
const withStatus = (r: RuleResult, status: RuleResult['status']): RuleResult => ({ ...r, status });
/** The rules that ran in a scan: a baseline finding of another rule is not evaluated, not fixed. */
const ran = (...ids: string[]): { rules: ScanResult['rules'] } => ({
  rules: ids.map((id) => ({ id, title: id, severity: 'high', family: 'a', category: 'security', references: [], description: '', remediation: '' })),
});
const zero = { new: 0, fixed: 0, unchanged: 0, newlyWaived: 0, waiverExpired: 0, notEvaluated: 0 };

describe('baseline comparison', () => {
  it('splits findings into new, fixed and unchanged by rule + object', () => {
    const previous = sampleResult({ results: [fail('a/x', 'p1'), fail('a/x', 'p2'), fail('a/y', 'p1')] });
    const current = sampleResult({ results: [fail('a/x', 'p1', 'other message'), fail('a/y', 'p2'), { ...fail('a/y', 'p1'), status: 'pass' }], extra: ran('a/x', 'a/y') });
    const cmp = compareWithBaseline(current, previous);
    expect(cmp.counts).toEqual({ ...zero, new: 1, fixed: 2, unchanged: 1 });
    expect(cmp.new).toEqual([{ rule: 'a/y', object: fail('a/y', 'p2').object }]);
    // a/x p2 has no result now and its object still has results: no result; a/y p1 passes.
    expect(cmp.fixed.map((f) => `${f.rule} ${f.object.name} ${f.before} ${f.now}`)).toEqual(['a/x p2 fail no-result', 'a/y p1 fail pass']);
    const state = baselineStates(cmp);
    expect(current.results.map(state)).toEqual(['unchanged', 'new', undefined]);
    expect(hasNewFindings(cmp)).toBe(true);
  });

  it('counts several results of one rule × object once and finds nothing new against itself', () => {
    const r = sampleResult({ results: [fail('a/x', 'p1'), fail('a/x', 'p1', 'second container'), waived('a/w', 'p1')] });
    const cmp = compareWithBaseline(r, r);
    expect(cmp.counts).toEqual({ ...zero, unchanged: 1 });
    // Waived in both: nothing changed, no state.
    expect(r.results.map(baselineStates(cmp))).toEqual(['unchanged', 'unchanged', undefined]);
    expect(hasNewFindings(cmp)).toBe(false);
    expect(hasNewFindings(undefined)).toBe(false);
  });

  it('a finding waived since the baseline is newly waived, never fixed, and keeps the waiver', () => {
    const previous = sampleResult({ startedAt: '2026-01-01T00:00:00.000Z', results: [fail('a/x', 'p1'), fail('a/x', 'p2')] });
    const current = sampleResult({ results: [waived('a/x', 'p1'), fail('a/x', 'p2'), waived('a/x', 'p3')] });
    const cmp = compareWithBaseline(current, previous);
    expect(cmp.counts).toEqual({ ...zero, unchanged: 1, newlyWaived: 2 });
    expect(cmp.fixed).toEqual([]);
    expect(cmp.newlyWaived).toEqual([
      { rule: 'a/x', object: fail('a/x', 'p1').object, severity: 'high', message: 'm', waiver, before: 'fail' },
      // Waived from the start (a new object already covered by a waiver): newly waived, not new.
      { rule: 'a/x', object: fail('a/x', 'p3').object, severity: 'high', message: 'm', waiver, before: 'none' },
    ]);
    expect(current.results.map(baselineStates(cmp))).toEqual(['newly-waived', 'unchanged', 'newly-waived']);
    expect(hasNewFindings(cmp)).toBe(false);
    expect(cmp.against).toEqual({ startedAt: '2026-01-01T00:00:00.000Z', location: 'manifests', score: previous.summary.score, counts: previous.summary.counts });
  });

  it('a waiver that expired or was removed since the baseline makes its finding waiver-expired, which --fail-on-new counts', () => {
    const lapsing = { ...waiver, expires: '2026-02-01' };
    const previous = sampleResult({ startedAt: '2026-01-01T00:00:00.000Z', results: [waived('a/x', 'p1', lapsing), waived('a/x', 'p2')] });
    const current = sampleResult({ startedAt: '2026-03-01T00:00:00.000Z', results: [fail('a/x', 'p1'), fail('a/x', 'p2')] });
    const cmp = compareWithBaseline(current, previous);
    expect(cmp.counts).toEqual({ ...zero, waiverExpired: 2 });
    expect(cmp.new).toEqual([]);
    expect(cmp.waiverExpired.map((f) => `${f.object.name} ${f.cause} ${f.waiver.expires}`)).toEqual(['p1 expired 2026-02-01', 'p2 removed 2026-06-30']);
    expect(current.results.map(baselineStates(cmp))).toEqual(['waiver-expired', 'waiver-expired']);
    expect(hasNewFindings(cmp)).toBe(true);
  });

  it('fixed means pass, not applicable or object gone; unknown, error, a rule not run and an unselected namespace are not evaluated', () => {
    const other = (r: RuleResult, ns: string): RuleResult => ({ ...r, object: { ...r.object, namespace: ns } });
    const previous = sampleResult({
      results: [fail('a/x', 'p1'), waived('a/x', 'p2'), fail('a/x', 'p3'), fail('a/x', 'p4'), fail('a/x', 'p5'), fail('b/gone', 'p1'), other(fail('a/x', 'q'), 'skipped'), fail('a/x', 'p6')],
    });
    const current = sampleResult({
      results: [withStatus(fail('a/x', 'p1'), 'pass'), withStatus(fail('a/x', 'p2'), 'not-applicable'), withStatus(fail('a/x', 'p3'), 'unknown'), withStatus(fail('a/x', 'p4'), 'error')],
      extra: { ...ran('a/x'), source: { mode: 'offline', location: 'manifests', selection: { excludedNamespaces: ['skipped'] } } },
    });
    const cmp = compareWithBaseline(current, previous);
    expect(cmp.fixed.map((f) => `${f.rule} ${f.object.name} ${f.before}→${f.now}`)).toEqual(['a/x p1 fail→pass', 'a/x p2 waived→not-applicable', 'a/x p5 fail→object-gone', 'a/x p6 fail→object-gone']);
    expect(cmp.notEvaluated.map((f) => `${f.rule} ${f.object.name} ${f.before}→${f.now}`)).toEqual(['a/x p3 fail→unknown', 'a/x p4 fail→error', 'b/gone p1 fail→not-run', 'a/x q fail→not-selected']);
    expect(cmp.counts).toEqual({ ...zero, fixed: 4, notEvaluated: 4 });
  });

  it('reads the fail results of a compact store the same as a list', () => {
    const previous = sampleResult({ results: [fail('a/x', 'p1')] });
    const list = { ...sampleResult({ results: [waived('a/x', 'p1')] }), results: [waived('a/x', 'p1')] };
    const store = { ...list, results: ResultStore.of(list.results) };
    expect(compareWithBaseline(list, previous)).toEqual(compareWithBaseline(store, previous));
  });

  it('upgrades a comparison saved by schema 2.0 (waived counted as fixed) from the scan it belongs to', () => {
    const current = ResultStore.of([waived('a/x', 'p1'), withStatus(fail('a/x', 'p2'), 'unknown'), withStatus(fail('a/x', 'p3'), 'pass'), fail('a/x', 'p4')]);
    const fixed = ['p1', 'p2', 'p3'].map((n) => ({ rule: 'a/x', object: fail('a/x', n).object, severity: 'high' as const, message: 'was failing' }));
    const old = { against: { startedAt: 'x', location: 'y', score: 1, counts: sampleResult().summary.counts }, counts: { new: 1, fixed: 3, unchanged: 0 }, new: [{ rule: 'a/x', object: fail('a/x', 'p4').object }], fixed };
    const up = upgradeComparison(old as unknown as BaselineComparison, current);
    expect(up.counts).toEqual({ ...zero, new: 1, fixed: 1, newlyWaived: 1, notEvaluated: 1 });
    expect(up.newlyWaived[0]).toMatchObject({ object: { name: 'p1' }, waiver, before: 'fail' });
    expect(up.notEvaluated[0]).toMatchObject({ object: { name: 'p2' }, now: 'unknown' });
    expect(up.fixed.map((f) => f.object.name)).toEqual(['p3']);
    // A current comparison is left as it is.
    expect(upgradeComparison(up, current)).toBe(up);
  });

  it('rejects a file that is not a scan result', () => {
    expect(() => asBaselineInput({ hello: 1 }, 'x.json')).toThrow(/x.json is not a Palisade scan result/);
    expect(() => asBaselineInput(null, 'y.json')).toThrow(/y.json/);
    // The findings of a saved result are always in its full `results` (schema 2: passes may be compacted).
    const saved = [...asBaselineInput(JSON.parse(renderJsonString(sampleResult())), 'ok.json').results];
    expect(saved.filter((r) => r.status === 'fail')).toHaveLength(SAMPLE_RESULTS.filter((r) => r.status === 'fail').length);
  });
});
