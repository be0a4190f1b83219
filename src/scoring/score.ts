import { ruleFamily } from '../engine/rule.js';
import { SEVERITY_WEIGHT, resultNamespace, type RuleResult, type Status } from '../model/result.js';

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

/** The DESIGN.md formula. Waived, unknown, not-applicable and error are outside the fraction. */
export function summarize(results: Iterable<RuleResult>): ScoreSummary {
  const counts = emptyCounts();
  let passWeight = 0;
  let failWeight = 0;
  for (const r of results) {
    counts[COUNT_KEY[r.status]]++;
    if (r.status === 'pass') passWeight += SEVERITY_WEIGHT[r.severity];
    if (r.status === 'fail') failWeight += SEVERITY_WEIGHT[r.severity];
  }
  const total = passWeight + failWeight;
  const evaluated = counts.pass + counts.fail + counts.waived;
  const applicable = evaluated + counts.unknown + counts.error;
  return {
    score: total === 0 ? null : round1((100 * passWeight) / total),
    coverage: { evaluated, applicable, ratio: applicable === 0 ? null : round3(evaluated / applicable) },
    counts,
  };
}

export interface GroupSummary extends ScoreSummary {
  name: string;
}

/** Summaries per group key (namespace, tenant, family...); results with no key are skipped. */
export function summarizeBy(results: readonly RuleResult[], key: (r: RuleResult) => string | undefined): GroupSummary[] {
  const groups = new Map<string, RuleResult[]>();
  for (const r of results) {
    const k = key(r);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.entries()]
    .map(([name, rs]) => ({ name, ...summarize(rs) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const byNamespace = (r: RuleResult): string | undefined => resultNamespace(r);
export const byTenant = (r: RuleResult): string | undefined => r.tenant;
export const byFamily = (r: RuleResult): string => ruleFamily(r.rule);

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
