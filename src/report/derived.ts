/**
 * Values derived from a ScanResult that both the reports (./sections.ts) and the metrics
 * (src/metrics/extras.ts) need: results grouped by rule, the controls the rules' references
 * name, which reference frameworks a framework report covers, tenant dimension scores and the
 * cross-tenant edges in a stable order.
 */
import { frameworkById } from '../frameworks/report.js';
import type { FrameworkReport } from '../frameworks/types.js';
import type { RuleResult } from '../model/result.js';
import type { CrossTenantEdge, TenantReport } from '../scoring/tenants.js';
import type { ScanResult } from './model.js';

export function resultsByRule(results: readonly RuleResult[]): Map<string, RuleResult[]> {
  const byRule = new Map<string, RuleResult[]>();
  for (const r of results) {
    const list = byRule.get(r.rule);
    if (list) list.push(r);
    else byRule.set(r.rule, [r]);
  }
  return byRule;
}

/** A control named by rule references ({framework, id}), with the rules that name it and their results. */
export interface ReferenceControl {
  framework: string;
  id: string;
  /** Title of the first rule (with a title) that references the control. */
  title: string;
  /** One entry per reference, in rule order. */
  rules: string[];
  results: RuleResult[];
}

/** Every control the rules reference, in order of first reference. */
export function referenceControls(result: Pick<ScanResult, 'rules' | 'results'>, byRule = resultsByRule(result.results)): ReferenceControl[] {
  const controls = new Map<string, ReferenceControl>();
  for (const rule of result.rules) {
    for (const ref of rule.references) {
      const key = `${ref.framework}\u0000${ref.id}`;
      const c = controls.get(key) ?? { framework: ref.framework, id: ref.id, title: '', rules: [], results: [] };
      c.rules.push(rule.id);
      c.results.push(...(byRule.get(rule.id) ?? []));
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
