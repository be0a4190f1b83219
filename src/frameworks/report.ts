/**
 * Folds rule results into per-control statuses of a framework. A control's status is the
 * strongest status among the results of every rule that references it:
 * fail > error > unknown > waived > pass > not-applicable. Controls no rule references are
 * `unknown` (class a–c: nothing ran) or `manual` (class d). Compliance (DESIGN.md) =
 * controls passing / controls evaluated (pass, fail, waived).
 */
import { isFrameworkRef } from '../model/result.js';
import { refString } from '../model/k8s.js';
import type { Status } from '../model/result.js';
import type { ResultStore } from '../findings/store.js';
import { digestByRule, type RuleDigest } from '../report/derived.js';
import type { RuleDescriptor } from '../report/model.js';
import { CIS_1_12 } from './cis-1.12.js';
import type { ControlFinding, ControlReport, ControlStatus, FrameworkDefinition, FrameworkReport, SectionReport } from './types.js';

export const FRAMEWORKS: readonly FrameworkDefinition[] = [CIS_1_12];
export const FINDINGS_PER_CONTROL = 20;

export function frameworkById(id: string): FrameworkDefinition | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}

const ORDER: Record<Status, number> = { fail: 5, error: 4, unknown: 3, waived: 2, pass: 1, 'not-applicable': 0 };

/** Control IDs of a framework that a rule references. */
export function controlsOf(rule: Pick<RuleDescriptor, 'references'>, fw: FrameworkDefinition): string[] {
  return rule.references
    .filter(isFrameworkRef)
    .filter((r) => r.framework === fw.reference.framework && r.id.startsWith(fw.reference.prefix))
    .map((r) => r.id.slice(fw.reference.prefix.length).trim());
}

/** Rule IDs that reference at least one control of the framework. */
export function rulesOfFramework(rules: readonly Pick<RuleDescriptor, 'id' | 'references'>[], fw: FrameworkDefinition): Set<string> {
  return new Set(rules.filter((r) => controlsOf(r, fw).length > 0).map((r) => r.id));
}

export function buildFrameworkReport(fw: FrameworkDefinition, rules: readonly RuleDescriptor[], store: ResultStore, byRule = digestByRule(store)): FrameworkReport {
  const rulesByControl = new Map<string, string[]>();
  for (const r of rules) {
    for (const c of controlsOf(r, fw)) {
      const list = rulesByControl.get(c) ?? [];
      list.push(r.id);
      rulesByControl.set(c, list);
    }
  }
  const controls = fw.controls.map((c): ControlReport => {
    const ruleIds = [...new Set([c.id, ...(c.includes ?? [])].flatMap((id) => rulesByControl.get(id) ?? []))].sort();
    const digests = ruleIds.flatMap((id) => byRule.get(id) ?? []);
    const base = { id: c.id, section: c.section, title: c.title, automated: c.automated, class: c.class, rules: ruleIds };
    const folded = fold(store, digests);
    if (c.manual !== undefined && ruleIds.length === 0) {
      return { ...base, status: 'manual', reason: c.manual, counts: {}, findings: [], findingsOmitted: 0 };
    }
    if (ruleIds.length === 0) {
      return { ...base, status: 'unknown', reason: 'no rule for this control ran (not implemented, or disabled by the configuration)', counts: {}, findings: [], findingsOmitted: 0 };
    }
    if (digests.length === 0) {
      return { ...base, status: 'not-applicable', reason: 'no objects of the kinds these rules check', counts: {}, findings: [], findingsOmitted: 0 };
    }
    const out: ControlReport = { ...base, status: folded.status, counts: folded.counts, findings: folded.findings.slice(0, FINDINGS_PER_CONTROL), findingsOmitted: Math.max(0, folded.findings.length - FINDINGS_PER_CONTROL) };
    const reason =
      folded.status === 'unknown'
        ? commonReason(digests.flatMap((d) => d.notable.filter((i) => store.statusOf(i) === 'unknown').map((i) => store.messageOf(i))))
        : folded.status === 'not-applicable'
          ? commonReason(digests.flatMap((d) => d.notApplicableReasons))
          : undefined;
    if (reason) out.reason = reason;
    return out;
  });
  const sections = fw.sections.map(([id, title]) => sectionReport(id, title, controls.filter((c) => c.section === id)));
  const all = sectionReport('all', fw.name, controls);
  return { id: fw.id, name: fw.name, version: fw.version, statuses: all.statuses, evaluated: all.evaluated, passed: all.passed, compliance: all.compliance, sections, controls };
}

function fold(store: ResultStore, digests: readonly RuleDigest[]): { status: Status; counts: Partial<Record<Status, number>>; findings: ControlFinding[] } {
  let status: Status = 'not-applicable';
  const counts: Partial<Record<Status, number>> = {};
  const findings: ControlFinding[] = [];
  for (const d of digests) {
    for (const [s, n] of Object.entries(d.counts) as [Status, number][]) {
      counts[s] = (counts[s] ?? 0) + n;
      if (n > 0 && ORDER[s] > ORDER[status]) status = s;
    }
    for (const i of d.notable) {
      findings.push({ rule: d.rule, status: store.statusOf(i), object: refString(store.objectOf(i).ref), message: store.messageOf(i) });
    }
  }
  findings.sort((a, b) => ORDER[b.status] - ORDER[a.status] || a.rule.localeCompare(b.rule) || a.object.localeCompare(b.object));
  return { status, counts, findings };
}

function commonReason(reasons: readonly string[]): string | undefined {
  const messages = [...new Set(reasons)];
  return messages.length === 1 ? messages[0] : messages.length > 1 ? `${messages[0]} (and ${messages.length - 1} other reason(s))` : undefined;
}

function sectionReport(id: string, title: string, controls: readonly ControlReport[]): SectionReport {
  const statuses: Partial<Record<ControlStatus, number>> = {};
  for (const c of controls) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
  const passed = statuses.pass ?? 0;
  const evaluated = passed + (statuses.fail ?? 0) + (statuses.waived ?? 0);
  return { id, title, controls: controls.length, evaluated, passed, compliance: evaluated === 0 ? null : Math.round((1000 * passed) / evaluated) / 1000, statuses };
}

/** Reports for the given framework IDs (default: every framework). */
export function frameworkReports(rules: readonly RuleDescriptor[], store: ResultStore, ids?: readonly string[]): FrameworkReport[] {
  const fws = ids && ids.length > 0 ? ids.map((id) => frameworkById(id)).filter((f): f is FrameworkDefinition => f !== undefined) : FRAMEWORKS;
  const byRule = digestByRule(store);
  return fws.map((fw) => buildFrameworkReport(fw, rules, store, byRule));
}

/** A short text block for the table output: per-section compliance, and every control when `full`. */
export function renderFrameworkText(report: FrameworkReport, full: boolean): string {
  const pct = (v: number | null): string => (v === null ? '   -' : `${Math.round(v * 100)}%`.padStart(4));
  const counts = Object.entries(report.statuses).map(([s, n]) => `${s} ${n}`).join(', ');
  const lines = [`${report.name} ${report.version}: ${report.controls.length} controls (${counts}); compliance ${pct(report.compliance).trim()} of ${report.evaluated} evaluated`];
  for (const s of report.sections) {
    lines.push(`  ${s.id.padEnd(4)} ${s.title.padEnd(42)} ${pct(s.compliance)}  ${s.passed}/${s.evaluated} evaluated, ${s.controls} controls`);
  }
  if (full) {
    lines.push('');
    for (const c of report.controls) {
      const why = c.status === 'fail' ? c.findings[0]?.message : c.reason;
      lines.push(`  ${c.id.padEnd(7)} ${c.status.padEnd(14)} ${c.title}${why ? `  — ${why}` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
