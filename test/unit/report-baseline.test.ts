import { describe, expect, it } from 'vitest';
import { asBaselineInput, baselineStates, compareWithBaseline, hasNewFindings } from '../../src/report/baseline.js';
import { renderJsonString } from '../../src/report/json.js';
import type { RuleResult } from '../../src/model/result.js';
import { SAMPLE_RESULTS, sampleResult } from '../fixtures/reports/sample.js';

const fail = (rule: string, name: string, message = 'm'): RuleResult => ({
  rule,
  status: 'fail',
  severity: 'high',
  object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name },
  message,
  evidence: [],
});

describe('baseline comparison', () => {
  it('splits findings into new, fixed and unchanged by rule + object', () => {
    const previous = sampleResult({ results: [fail('a/x', 'p1'), fail('a/x', 'p2'), fail('a/y', 'p1')] });
    const current = sampleResult({ results: [fail('a/x', 'p1', 'other message'), fail('a/y', 'p2'), { ...fail('a/y', 'p1'), status: 'pass' }] });
    const cmp = compareWithBaseline(current, previous);
    expect(cmp.counts).toEqual({ new: 1, fixed: 2, unchanged: 1 });
    expect(cmp.new).toEqual([{ rule: 'a/y', object: fail('a/y', 'p2').object }]);
    expect(cmp.fixed.map((f) => `${f.rule} ${f.object.name}`)).toEqual(['a/x p2', 'a/y p1']);
    const state = baselineStates(cmp);
    expect(current.results.map(state)).toEqual(['unchanged', 'new', undefined]);
    expect(hasNewFindings(cmp)).toBe(true);
  });

  it('counts several results of one rule × object once and finds nothing new against itself', () => {
    const r = sampleResult({ results: [fail('a/x', 'p1'), fail('a/x', 'p1', 'second container')] });
    const cmp = compareWithBaseline(r, r);
    expect(cmp.counts).toEqual({ new: 0, fixed: 0, unchanged: 1 });
    expect(hasNewFindings(cmp)).toBe(false);
    expect(hasNewFindings(undefined)).toBe(false);
  });

  it('treats a waived finding as no longer failing (fixed) and keeps the baseline summary', () => {
    const previous = sampleResult({ startedAt: '2026-01-01T00:00:00.000Z' });
    const current = sampleResult({ results: SAMPLE_RESULTS.map((r) => (r.rule === 'pss/privileged' && r.status === 'fail' ? { ...r, status: 'waived' as const } : r)) });
    const cmp = compareWithBaseline(current, previous);
    expect(cmp.fixed.map((f) => f.rule)).toEqual(['pss/privileged']);
    expect(cmp.against).toEqual({ startedAt: '2026-01-01T00:00:00.000Z', location: 'manifests', score: previous.summary.score, counts: previous.summary.counts });
  });

  it('rejects a file that is not a scan result', () => {
    expect(() => asBaselineInput({ hello: 1 }, 'x.json')).toThrow(/x.json is not a Palisade scan result/);
    expect(() => asBaselineInput(null, 'y.json')).toThrow(/y.json/);
    // The findings of a saved result are always in its full `results` (schema 2: passes may be compacted).
    const saved = [...asBaselineInput(JSON.parse(renderJsonString(sampleResult())), 'ok.json').results];
    expect(saved.filter((r) => r.status === 'fail')).toHaveLength(SAMPLE_RESULTS.filter((r) => r.status === 'fail').length);
  });
});
