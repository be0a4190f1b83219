/**
 * Values derived from a ScanResult that both the reports (./sections.ts) and the metrics
 * (src/metrics/extras.ts) need: results digested by rule, the controls the rules' references
 * name, which reference frameworks a framework report covers, tenant dimension scores and the
 * cross-tenant edges in a stable order.
 */
import { frameworkById } from '../frameworks/report.js';
import type { FrameworkReport } from '../frameworks/types.js';
import { isFrameworkRef, type Status } from '../model/result.js';
import type { ResultStore } from '../findings/store.js';
import type { CrossTenantEdge, TenantReport } from '../scoring/tenants.js';
import type { ScanResult } from './model.js';

/**
 * What the control views need of one rule's results, without holding them: counts per status,
 * the indexes of the results that keep a control from passing (neither pass nor not-applicable,
 * in store order), and the distinct not-applicable reasons.
 */
export interface RuleDigest {
  rule: string;
  counts: Partial<Record<Status, number>>;
  /** Store indexes of the results that are neither pass nor not-applicable, in store order. */
  notable: number[];
  /** Distinct messages of the not-applicable results, in order of first appearance. */
  notApplicableReasons: string[];
}

export function digestByRule(store: ResultStore): Map<string, RuleDigest> {
  const byRule = new Map<string, RuleDigest>();
  const reasons = new Map<string, Set<string>>();
  // Report order, so the evidence a view lists first does not depend on how the store was filled.
  for (const i of store.sortedIndexes()) {
    const rule = store.ruleOf(i);
    let d = byRule.get(rule);
    if (!d) byRule.set(rule, (d = { rule, counts: {}, notable: [], notApplicableReasons: [] }));
    const status = store.statusOf(i);
    d.counts[status] = (d.counts[status] ?? 0) + 1;
    if (status === 'not-applicable') {
      let seen = reasons.get(rule);
      if (!seen) reasons.set(rule, (seen = new Set()));
      const m = store.messageOf(i);
      if (!seen.has(m)) {
        seen.add(m);
        d.notApplicableReasons.push(m);
      }
    } else if (status !== 'pass') d.notable.push(i);
  }
  return byRule;
}

/** The statuses present in a set of digests. */
export function digestStatuses(digests: readonly RuleDigest[]): Status[] {
  const out = new Set<Status>();
  for (const d of digests) for (const [s, n] of Object.entries(d.counts)) if ((n ?? 0) > 0) out.add(s as Status);
  return [...out];
}

/** A control named by rule references ({framework, id}), with the rules that name it and their results. */
export interface ReferenceControl {
  framework: string;
  id: string;
  /** Title of the first rule (with a title) that references the control. */
  title: string;
  /** One entry per reference, in rule order. */
  rules: string[];
  /** The results of those rules, digested (one entry per rule that has results). */
  digests: RuleDigest[];
}

/** Every control the rules reference, in order of first reference. */
export function referenceControls(result: Pick<ScanResult, 'rules' | 'results'>, byRule = digestByRule(result.results)): ReferenceControl[] {
  const controls = new Map<string, ReferenceControl>();
  for (const rule of result.rules) {
    // Peer tools' check IDs are cross-references, not framework controls.
    for (const ref of rule.references.filter(isFrameworkRef)) {
      const key = `${ref.framework}\u0000${ref.id}`;
      const c = controls.get(key) ?? { framework: ref.framework, id: ref.id, title: '', rules: [], digests: [] };
      c.rules.push(rule.id);
      const d = byRule.get(rule.id);
      if (d) c.digests.push(d);
      if (!c.title) c.title = rule.title;
      controls.set(key, c);
    }
  }
  return [...controls.values()];
}

/**
 * The reference framework names (`CIS`) whose controls the framework reports cover: the
 * catalog entry of each report says how rules reference it. A report of a framework this
 * version does not know covers nothing, so those references still appear as derived views.
 */
export function coveredReferenceFrameworks(frameworks: readonly FrameworkReport[] | undefined): Set<string> {
  const covered = new Set<string>();
  for (const fw of frameworks ?? []) {
    const def = frameworkById(fw.id);
    if (def) covered.add(def.reference.framework);
  }
  return covered;
}

/** The tenant reports sorted by name (none when the tenancy rules did not run). */
export function tenantsByName(result: Pick<ScanResult, 'tenants'>): TenantReport[] {
  return [...(result.tenants ?? [])].sort((a, b) => a.name.localeCompare(b.name));
}

export interface DimensionValue {
  dimension: string;
  /** 0-100; null when nothing in that dimension was evaluated. */
  score: number | null;
}

/** A tenant's score in each dimension the report has, in report order. */
export function dimensionScores(tenant: TenantReport): DimensionValue[] {
  return Object.entries(tenant.dimensions).map(([dimension, d]) => ({ dimension, score: d.score }));
}

/** The cross-tenant edges sorted by source, target and channel (none when the tenancy rules did not run). */
export function sortedCrossTenantEdges(result: Pick<ScanResult, 'crossTenantAccess'>): CrossTenantEdge[] {
  return [...(result.crossTenantAccess ?? [])].sort(
    (a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || a.channel.localeCompare(b.channel),
  );
}
