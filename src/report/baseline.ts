import { refString, type ObjectRef } from '../model/k8s.js';
import { resultNamespace, type RuleResult, type Severity, type Status, type Waiver } from '../model/result.js';
import type { StatusCounts } from '../scoring/score.js';
import { ResultStore } from '../findings/store.js';
import { waiverExpiry } from '../engine/waivers.js';

/**
 * Comparison of a scan with a previous one (`--baseline previous.json`).
 *
 * Findings match on rule + object reference (kind, namespace, name), so a changed message or
 * evidence does not make an old finding "new". A key is *open* in a scan when one of its results
 * fails or is waived (fail wins). Against the baseline, each open key is in exactly one state:
 *
 * | baseline | now | state |
 * |---|---|---|
 * | fail | fail | `unchanged` |
 * | fail | waived | `newly-waived` (never fixed: the problem is still there, it is excused) |
 * | not open | waived | `newly-waived` (`before: 'none'`) |
 * | waived | fail | `waiver-expired` (the waiver expired, or it was removed from the config) |
 * | not open | fail | `new` |
 * | fail or waived | pass, not-applicable, no result, object gone | `fixed` |
 * | fail or waived | unknown, error, rule not run, namespace not selected | `notEvaluated` (neither fixed nor unchanged: unknown is never pass) |
 * | waived | waived | no state (nothing changed; counted nowhere) |
 */
export type BaselineState = 'new' | 'unchanged' | 'fixed' | 'newly-waived' | 'waiver-expired';

export interface FindingKey {
  rule: string;
  object: ObjectRef;
}

/** A finding of the baseline that is gone now. */
export interface FixedFinding extends FindingKey {
  severity: Severity;
  /** The baseline's message. */
  message: string;
  /** Its status in the baseline (absent in comparisons made before schema 2.1: `fail`). */
  before?: 'fail' | 'waived';
  /** What this scan has for it: a pass, not-applicable, no result of the rule for the object, or no result for the object at all. */
  now?: 'pass' | 'not-applicable' | 'no-result' | 'object-gone';
}

/** A finding waived in this scan that was not waived in the baseline. */
export interface NewlyWaivedFinding extends FindingKey {
  severity: Severity;
  /** This scan's message. */
  message: string;
  /** The waiver that applies now (reason, approver, ticket, expires, source). */
  waiver: Waiver;
  /** `fail`: the baseline had it failing; `none`: the baseline had no finding for it. */
  before: 'fail' | 'none';
}

/** A finding waived in the baseline that fails in this scan. */
export interface WaiverExpiredFinding extends FindingKey {
  severity: Severity;
  /** This scan's message. */
  message: string;
  /** The baseline's waiver. */
  waiver: Waiver;
  /** `expired`: the baseline waiver's expiry is before this scan; `removed`: it was not expired, so it no longer matches (removed or changed). */
  cause: 'expired' | 'removed';
}

/** A finding of the baseline that this scan could not judge. */
export interface NotEvaluatedFinding extends FindingKey {
  severity: Severity;
  /** The baseline's message. */
  message: string;
  before: 'fail' | 'waived';
  /** `unknown` / `error` results now; `not-run`: the rule did not run (`--rule`); `not-selected`: its namespace was not selected. */
  now: 'unknown' | 'error' | 'not-run' | 'not-selected';
}

export interface BaselineCounts {
  new: number;
  fixed: number;
  unchanged: number;
  newlyWaived: number;
  waiverExpired: number;
  /** Baseline findings this scan could not judge (see NotEvaluatedFinding). */
  notEvaluated: number;
}

export interface BaselineComparison {
  /** The previous scan, as far as the reports need it. */
  against: {
    startedAt: string;
    location: string;
    score: number | null;
    counts: StatusCounts;
  };
  counts: BaselineCounts;
  /** Findings (fail) of this scan that the previous one did not have open. */
  new: FindingKey[];
  /** Findings of the previous scan that pass now, are not applicable, or whose object is gone. */
  fixed: FixedFinding[];
  /** Findings waived now that were not waived in the baseline. */
  newlyWaived: NewlyWaivedFinding[];
  /** Findings waived in the baseline that fail now. */
  waiverExpired: WaiverExpiredFinding[];
  /** Findings of the baseline that are unknown, error or not evaluated now. */
  notEvaluated: NotEvaluatedFinding[];
}

/** The parts of a ScanResult the comparison reads (a baseline may come from an older scanner). */
export interface BaselineInput {
  startedAt: string;
  source: { location: string; selection?: { excludedNamespaces?: string[] } | undefined };
  summary: { score: number | null; counts: StatusCounts };
  results: Iterable<RuleResult>;
  /** The rules that ran; a baseline finding of a rule not among them is not evaluated, not fixed. */
  rules?: readonly { id: string }[];
}

export function findingKey(rule: string, object: ObjectRef): string {
  return `${rule}\u0000${refString(object)}`;
}

export function isFinding(r: RuleResult): boolean {
  return r.status === 'fail';
}

type Open = 'fail' | 'waived';

/** The fail and waived results of a scan, one per key, fail winning. */
function openResults(results: Iterable<RuleResult>): Map<string, RuleResult> {
  const list = results instanceof ResultStore ? results.withStatus('fail', 'waived') : [...results].filter((r) => r.status === 'fail' || r.status === 'waived');
  const out = new Map<string, RuleResult>();
  for (const r of list) {
    const key = findingKey(r.rule, r.object);
    const had = out.get(key);
    if (!had || (had.status === 'waived' && r.status === 'fail')) out.set(key, r);
  }
  return out;
}

/** Ranks of the statuses a key can have when it is not open: the worst decides. */
const NOT_OPEN_RANK: Partial<Record<Status, number>> = { error: 3, unknown: 2, pass: 1, 'not-applicable': 0 };

/**
 * What the current scan has for the given (not open) keys, and which objects it names at all.
 * Reads the store column by column: only results on an object the keys name are made.
 */
function currentStatuses(results: Iterable<RuleResult>, wanted: ReadonlySet<string>): { status: Map<string, Status>; objects: Set<string> } {
  const status = new Map<string, Status>();
  const objects = new Set<string>();
  const note = (key: string, s: Status): void => {
    const had = status.get(key);
    if (had === undefined || (NOT_OPEN_RANK[s] ?? -1) > (NOT_OPEN_RANK[had] ?? -1)) status.set(key, s);
  };
  if (results instanceof ResultStore) {
    const refs: string[] = [];
    for (let o = 0; o < results.objectCount; o++) {
      const ref = refString(results.storedObject(o).ref);
      refs.push(ref);
      objects.add(ref);
    }
    for (let i = 0; i < results.length; i++) {
      const key = `${results.ruleOf(i)}\u0000${refs[results.objectIndexOf(i)]!}`;
      if (wanted.has(key)) note(key, results.statusOf(i));
    }
  } else {
    for (const r of results) {
      objects.add(refString(r.object));
      const key = findingKey(r.rule, r.object);
      if (wanted.has(key)) note(key, r.status);
    }
  }
  return { status, objects };
}

function waiverCause(w: Waiver | undefined, at: string): 'expired' | 'removed' {
  const expiry = waiverExpiry(w?.expires);
  const now = Date.parse(at);
  return expiry !== undefined && Number.isFinite(now) && expiry.getTime() < now ? 'expired' : 'removed';
}

/** The states of `current` against `previous`. Pure and order-stable (current in its order, then the baseline in its order). */
export function compareWithBaseline(current: BaselineInput, previous: BaselineInput): BaselineComparison {
  const before = openResults(previous.results);
  const now = openResults(current.results);
  const fresh: FindingKey[] = [];
  const newlyWaived: NewlyWaivedFinding[] = [];
  const waiverExpired: WaiverExpiredFinding[] = [];
  let unchanged = 0;
  for (const [key, r] of now) {
    const was: Open | undefined = before.get(key)?.status as Open | undefined;
    const f = { rule: r.rule, object: r.object };
    if (r.status === 'fail') {
      if (was === 'fail') unchanged++;
      else if (was === 'waived') {
        const w = before.get(key)?.waiver ?? { rule: r.rule, reason: '(not recorded)', source: 'config' as const };
        waiverExpired.push({ ...f, severity: r.severity, message: r.message, waiver: w, cause: waiverCause(w, current.startedAt) });
      } else fresh.push(f);
    } else if (was !== 'waived') {
      const w = r.waiver ?? { rule: r.rule, reason: '(not recorded)', source: 'config' as const };
      newlyWaived.push({ ...f, severity: r.severity, message: r.message, waiver: w, before: was === 'fail' ? 'fail' : 'none' });
    }
  }
  const gone = new Set([...before.keys()].filter((k) => !now.has(k)));
  const { status, objects } = currentStatuses(current.results, gone);
  const ran = current.rules && current.rules.length > 0 ? new Set(current.rules.map((r) => r.id)) : undefined;
  const excluded = new Set(current.source.selection?.excludedNamespaces ?? []);
  const fixed: FixedFinding[] = [];
  const notEvaluated: NotEvaluatedFinding[] = [];
  for (const key of gone) {
    const r = before.get(key)!;
    const base = { rule: r.rule, object: r.object, severity: r.severity, message: r.message, before: r.status as Open };
    const s = status.get(key);
    const ns = resultNamespace(r);
    if (s === 'unknown' || s === 'error') notEvaluated.push({ ...base, now: s });
    else if (s === 'pass' || s === 'not-applicable') fixed.push({ ...base, now: s });
    else if (ran && !ran.has(r.rule)) notEvaluated.push({ ...base, now: 'not-run' });
    else if (ns !== undefined && excluded.has(ns)) notEvaluated.push({ ...base, now: 'not-selected' });
    else fixed.push({ ...base, now: objects.has(refString(r.object)) ? 'no-result' : 'object-gone' });
  }
  return {
    against: {
      startedAt: previous.startedAt,
      location: previous.source.location,
      score: previous.summary.score,
      counts: previous.summary.counts,
    },
    counts: {
      new: fresh.length,
      fixed: fixed.length,
      unchanged,
      newlyWaived: newlyWaived.length,
      waiverExpired: waiverExpired.length,
      notEvaluated: notEvaluated.length,
    },
    new: fresh,
    fixed,
    newlyWaived,
    waiverExpired,
    notEvaluated,
  };
}

/**
 * A comparison saved by an older Palisade (schema before 2.1: `new`, `fixed`, `unchanged` only,
 * and waived findings counted as fixed), brought to the current shape from the scan it belongs
 * to: a "fixed" finding that is waived in the scan becomes newly waived, one that is unknown or
 * error becomes not evaluated. What such a comparison called "new" may have been waived in its
 * baseline; that cannot be told any more, so it stays new.
 */
export function upgradeComparison(cmp: BaselineComparison, results: Iterable<RuleResult>): BaselineComparison {
  const saved = cmp as Partial<BaselineComparison> & Pick<BaselineComparison, 'against' | 'new' | 'fixed'>;
  if (Array.isArray(saved.newlyWaived) && Array.isArray(saved.waiverExpired) && Array.isArray(saved.notEvaluated)) return cmp;
  const open = openResults(results);
  const wanted = new Set(saved.fixed.map((f) => findingKey(f.rule, f.object)));
  const { status } = currentStatuses(results, wanted);
  const fixed: FixedFinding[] = [];
  const newlyWaived: NewlyWaivedFinding[] = [...(saved.newlyWaived ?? [])];
  const notEvaluated: NotEvaluatedFinding[] = [...(saved.notEvaluated ?? [])];
  for (const f of saved.fixed) {
    const key = findingKey(f.rule, f.object);
    const w = open.get(key);
    const s = status.get(key);
    if (w?.status === 'waived' && w.waiver) newlyWaived.push({ rule: f.rule, object: f.object, severity: w.severity, message: w.message, waiver: w.waiver, before: 'fail' });
    else if (s === 'unknown' || s === 'error') notEvaluated.push({ rule: f.rule, object: f.object, severity: f.severity, message: f.message, before: 'fail', now: s });
    else fixed.push(f);
  }
  const waiverExpired = [...(saved.waiverExpired ?? [])];
  const counts = saved.counts ?? { new: saved.new.length, fixed: 0, unchanged: 0, newlyWaived: 0, waiverExpired: 0, notEvaluated: 0 };
  return {
    against: saved.against,
    counts: {
      new: saved.new.length,
      fixed: fixed.length,
      unchanged: counts.unchanged ?? 0,
      newlyWaived: newlyWaived.length,
      waiverExpired: waiverExpired.length,
      notEvaluated: notEvaluated.length,
    },
    new: saved.new,
    fixed,
    newlyWaived,
    waiverExpired,
    notEvaluated,
  };
}

/**
 * The state of each of this scan's results: fail results are new, unchanged or waiver-expired;
 * waived results are newly-waived (or have no state when they were waived in the baseline too);
 * other results have none.
 */
export function baselineStates(cmp: BaselineComparison | undefined): (r: RuleResult) => BaselineState | undefined {
  if (!cmp) return () => undefined;
  const keys = (list: readonly FindingKey[] | undefined): Set<string> => new Set((list ?? []).map((k) => findingKey(k.rule, k.object)));
  const fresh = keys(cmp.new);
  const expired = keys(cmp.waiverExpired);
  const waived = keys(cmp.newlyWaived);
  return (r) => {
    if (r.status === 'fail') {
      const key = findingKey(r.rule, r.object);
      return expired.has(key) ? 'waiver-expired' : fresh.has(key) ? 'new' : 'unchanged';
    }
    if (r.status === 'waived') return waived.has(findingKey(r.rule, r.object)) ? 'newly-waived' : undefined;
    return undefined;
  };
}

/** Exit-code helper for `--fail-on-new`: new findings (a waiver that expired is new trouble too). */
export function hasNewFindings(cmp: BaselineComparison | undefined): boolean {
  return cmp !== undefined && (cmp.counts.new > 0 || (cmp.counts.waiverExpired ?? 0) > 0);
}

/** Display names of the states, one wording for every report. */
export const BASELINE_STATE_LABEL: Record<BaselineState, string> = {
  new: 'new',
  unchanged: 'unchanged',
  fixed: 'fixed',
  'newly-waived': 'newly waived',
  'waiver-expired': 'waiver expired',
};

/** `3 new, 1 fixed, 2 unchanged, 16 newly waived, 0 waiver expired` (+ not evaluated when any). */
export function baselineCountsText(c: BaselineCounts): string {
  const parts = [`${c.new} new`, `${c.fixed} fixed`, `${c.unchanged} unchanged`, `${c.newlyWaived ?? 0} newly waived`, `${c.waiverExpired ?? 0} waiver expired`];
  if ((c.notEvaluated ?? 0) > 0) parts.push(`${c.notEvaluated} no longer evaluated`);
  return parts.join(', ');
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
