import { ruleFamily } from '../engine/rule.js';
import { SEVERITY_WEIGHT, resultNamespace, type RuleResult, type Severity, type Status } from '../model/result.js';
import type { ResultStore } from '../findings/store.js';

export interface StatusCounts {
  pass: number;
  fail: number;
  waived: number;
  unknown: number;
  notApplicable: number;
  error: number;
}

export interface Coverage {
  /** Results that were looked at: pass, fail, waived. */
  evaluated: number;
  /** Results that apply: everything but not-applicable. */
  applicable: number;
  /** evaluated / applicable, or null when nothing applies. */
  ratio: number | null;
}

export interface ScoreSummary {
  /** 100 × Σweight(pass) / Σweight(pass + fail); null when no weighted result exists. */
  score: number | null;
  coverage: Coverage;
  counts: StatusCounts;
}

const COUNT_KEY: Record<Status, keyof StatusCounts> = {
  pass: 'pass',
  fail: 'fail',
  waived: 'waived',
  unknown: 'unknown',
  'not-applicable': 'notApplicable',
  error: 'error',
};

export function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, waived: 0, unknown: 0, notApplicable: 0, error: 0 };
}

/** Running counts and weights of one scope; `summary()` applies the DESIGN.md formula. */
export class Tally {
  readonly counts = emptyCounts();
  private passWeight = 0;
  private failWeight = 0;
  add(status: Status, severity: Severity): void {
    this.counts[COUNT_KEY[status]]++;
    if (status === 'pass') this.passWeight += SEVERITY_WEIGHT[severity];
    if (status === 'fail') this.failWeight += SEVERITY_WEIGHT[severity];
  }
  summary(): ScoreSummary {
    const counts = { ...this.counts };
    const total = this.passWeight + this.failWeight;
    const evaluated = counts.pass + counts.fail + counts.waived;
    const applicable = evaluated + counts.unknown + counts.error;
    return {
      score: total === 0 ? null : round1((100 * this.passWeight) / total),
      coverage: { evaluated, applicable, ratio: applicable === 0 ? null : round3(evaluated / applicable) },
      counts,
    };
  }
}

/** The DESIGN.md formula. Waived, unknown, not-applicable and error are outside the fraction. */
export function summarize(results: Iterable<Pick<RuleResult, 'status' | 'severity'>>): ScoreSummary {
  const t = new Tally();
  for (const r of results) t.add(r.status, r.severity);
  return t.summary();
}

export interface GroupSummary extends ScoreSummary {
  name: string;
}

/** Tallies per group key, in name order; items with no key are skipped. Holds counters, never the items. */
export function tallyBy<T>(items: Iterable<T>, key: (item: T) => string | undefined, status: (item: T) => Status, severity: (item: T) => Severity): GroupSummary[] {
  const groups = new Map<string, Tally>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    let t = groups.get(k);
    if (!t) groups.set(k, (t = new Tally()));
    t.add(status(item), severity(item));
  }
  return [...groups.entries()].map(([name, t]) => ({ name, ...t.summary() })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Summaries per group key (namespace, tenant, family...); results with no key are skipped. */
export function summarizeBy(results: Iterable<RuleResult>, key: (r: RuleResult) => string | undefined): GroupSummary[] {
  return tallyBy(results, key, (r) => r.status, (r) => r.severity);
}

/** Summary of the store's results, optionally of those `keep` accepts. No result is made into an object. */
export function summarizeStore(store: ResultStore, keep?: (i: number) => boolean): ScoreSummary {
  const t = new Tally();
  for (let i = 0; i < store.length; i++) if (!keep || keep(i)) t.add(store.statusOf(i), store.severityOf(i));
  return t.summary();
}

/** Per-group summaries of the store's results by a key of the result index. */
export function summarizeStoreBy(store: ResultStore, key: (i: number) => string | undefined): GroupSummary[] {
  return tallyBy(store.indexes(), key, (i) => store.statusOf(i), (i) => store.severityOf(i));
}

/** The group keys of the summaries, for stores (by result index). */
export const storeKeys = {
  namespace: (store: ResultStore) => (i: number) => store.namespaceOf(i),
  tenant: (store: ResultStore) => (i: number) => store.tenantOf(i),
  family: (store: ResultStore) => (i: number) => ruleFamily(store.ruleOf(i)),
};

export const byNamespace = (r: RuleResult): string | undefined => resultNamespace(r);
export const byTenant = (r: RuleResult): string | undefined => r.tenant;
export const byFamily = (r: RuleResult): string => ruleFamily(r.rule);

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
