import { refString, type ObjectRef } from '../model/k8s.js';
import type { RuleResult, Severity } from '../model/result.js';
import type { StatusCounts } from '../scoring/score.js';
import { ResultStore } from '../findings/store.js';

/**
 * Comparison of a scan with a previous one (`--baseline previous.json`).
 * A finding is a `fail` result; findings match on rule + object reference (kind, namespace, name),
 * so a changed message or evidence does not make an old finding "new".
 */
export type BaselineState = 'new' | 'unchanged' | 'fixed';

export interface FindingKey {
  rule: string;
  object: ObjectRef;
}

export interface FixedFinding extends FindingKey {
  severity: Severity;
  message: string;
}

export interface BaselineComparison {
  /** The previous scan, as far as the reports need it. */
  against: {
    startedAt: string;
    location: string;
    score: number | null;
    counts: StatusCounts;
  };
  counts: { new: number; fixed: number; unchanged: number };
  /** Findings of this scan that the previous one did not have. */
  new: FindingKey[];
  /** Findings of the previous scan that are gone (passing now, waived, or the object is gone). */
  fixed: FixedFinding[];
}

/** The parts of a ScanResult the comparison reads (a baseline may come from an older scanner). */
export interface BaselineInput {
  startedAt: string;
  source: { location: string };
  summary: { score: number | null; counts: StatusCounts };
  results: Iterable<RuleResult>;
}

/** The findings of a result: from a store without making every result an object. */
function findingsOf(results: Iterable<RuleResult>): Iterable<RuleResult> {
  return results instanceof ResultStore ? results.withStatus('fail') : [...results].filter(isFinding);
}

export function findingKey(rule: string, object: ObjectRef): string {
  return `${rule}\u0000${refString(object)}`;
}

export function isFinding(r: RuleResult): boolean {
  return r.status === 'fail';
}

/** New / fixed / unchanged findings of `current` against `previous`. Pure and order-stable. */
export function compareWithBaseline(current: BaselineInput, previous: BaselineInput): BaselineComparison {
  const before = new Map<string, RuleResult>();
  for (const r of findingsOf(previous.results)) before.set(findingKey(r.rule, r.object), r);
  const now = new Set<string>();
  const fresh: FindingKey[] = [];
  let unchanged = 0;
  for (const r of findingsOf(current.results)) {
    const key = findingKey(r.rule, r.object);
    if (now.has(key)) continue; // several results for one rule × object count once
    now.add(key);
    if (before.has(key)) unchanged++;
    else fresh.push({ rule: r.rule, object: r.object });
  }
  const fixed: FixedFinding[] = [];
  for (const [key, r] of before) {
    if (!now.has(key)) fixed.push({ rule: r.rule, object: r.object, severity: r.severity, message: r.message });
  }
  return {
    against: {
      startedAt: previous.startedAt,
      location: previous.source.location,
      score: previous.summary.score,
      counts: previous.summary.counts,
    },
    counts: { new: fresh.length, fixed: fixed.length, unchanged },
    new: fresh,
    fixed,
  };
}

/** Looks up the state of this scan's results; `undefined` for results that are not findings. */
export function baselineStates(cmp: BaselineComparison | undefined): (r: RuleResult) => BaselineState | undefined {
  if (!cmp) return () => undefined;
  const fresh = new Set(cmp.new.map((k) => findingKey(k.rule, k.object)));
  return (r) => (isFinding(r) ? (fresh.has(findingKey(r.rule, r.object)) ? 'new' : 'unchanged') : undefined);
}

/** Exit-code helper for `--fail-on-new`. */
export function hasNewFindings(cmp: BaselineComparison | undefined): boolean {
  return cmp !== undefined && cmp.counts.new > 0;
}

/** Checks that a parsed JSON file looks like a ScanResult before it is used as a baseline. */
export function asBaselineInput(value: unknown, file: string): BaselineInput {
  const v = value as Partial<BaselineInput> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.startedAt !== 'string' ||
    typeof v.source?.location !== 'string' ||
    typeof v.summary !== 'object' ||
    !Array.isArray(v.results)
  ) {
    throw new Error(`${file} is not a Palisade scan result (palisade scan --format json)`);
  }
  return v as BaselineInput;
}
