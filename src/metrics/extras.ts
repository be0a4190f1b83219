/**
 * Metric values of the optional parts of a ScanResult: framework compliance per section,
 * tenant isolation per dimension and the cross-tenant edges. A missing part yields no series
 * (never zeros that would look like "fully non-compliant").
 */
import type { Status } from '../model/result.js';
import { coveredReferenceFrameworks, digestStatuses, dimensionScores, referenceControls, sortedCrossTenantEdges, tenantsByName } from '../report/derived.js';
import type { ScanResult } from '../report/model.js';
import type { CrossTenantEdge } from '../scoring/tenants.js';

export interface SectionCompliance {
  framework: string;
  section: string;
  ratio: number;
}

export interface TenantIsolation {
  tenant: string;
  dimension: string;
  score: number;
}

/**
 * The section compliance of each framework report in `result.frameworks` (sections with
 * nothing evaluated have no ratio, so no series); frameworks without a report come from the
 * rule references: a control is compliant when every evaluated result of every rule mapped
 * to it passes (DESIGN.md "Framework compliance").
 */
export function frameworkCompliance(result: ScanResult): SectionCompliance[] {
  // `cis-1.12`: the version is part of the label, CIS renumbers between versions.
  const reported = (result.frameworks ?? []).flatMap((fw) =>
    fw.sections.flatMap((s) => (s.compliance === null ? [] : [{ framework: fw.id, section: s.id, ratio: s.compliance }])),
  );
  // Frameworks without a report of their own (PSS, NSA, MTB...) come from the rule references.
  const covered = coveredReferenceFrameworks(result.frameworks);
  const derived = complianceFromReferences(result).filter((d) => !covered.has(d.framework));
  return [...reported, ...derived].sort((a, b) => a.framework.localeCompare(b.framework) || a.section.localeCompare(b.section, 'en', { numeric: true }));
}

/**
 * The section a control reference counts towards: CIS `1.12 §5.2.2` → `5.2`; PSS
 * `baseline/privileged` → `baseline`; MTB `MTB-PL1-BC-CPI-5` → `CPI` (its category),
 * `pending ...` → `pending`; frameworks without sections (NSA `C-0057`) → `all`.
 */
export function sectionOf(framework: string, id: string): string {
  const cis = /§\s*(\d+(?:\.\d+)?)/.exec(id);
  if (cis?.[1]) return cis[1];
  if (framework === 'MTB') {
    const category = /^MTB-PL\d+-[A-Z]+-([A-Z]+)-/.exec(id)?.[1];
    return category ?? (id.startsWith('pending') ? 'pending' : 'other');
  }
  const slash = id.indexOf('/');
  if (slash > 0) return id.slice(0, slash);
  const dotted = /^(\d+\.\d+)/.exec(id);
  if (dotted?.[1]) return dotted[1];
  return 'all';
}

const decided = (s: Status): boolean => s === 'pass' || s === 'fail' || s === 'waived';
// Unknown is never pass: a control with an unknown or error result is not compliant.
const compliant = (s: Status): boolean => s === 'pass' || s === 'not-applicable';

/**
 * Whole-framework compliance, the figure the reports print: controls passing / controls
 * evaluated over all sections (not the mean of the section ratios, which weighs a section of
 * two controls like one of forty). Framework reports carry it; the rest are summed from the
 * same per-section counts as {@link frameworkCompliance}.
 */
export function frameworkOverallCompliance(result: ScanResult): { framework: string; ratio: number }[] {
  const reported = (result.frameworks ?? []).flatMap((fw) => (fw.compliance === null ? [] : [{ framework: fw.id, ratio: fw.compliance }]));
  const covered = coveredReferenceFrameworks(result.frameworks);
  const totals = new Map<string, { evaluated: number; ok: number }>();
  for (const s of sectionCounts(result)) {
    if (covered.has(s.framework)) continue;
    const t = totals.get(s.framework) ?? { evaluated: 0, ok: 0 };
    t.evaluated += s.evaluated;
    t.ok += s.ok;
    totals.set(s.framework, t);
  }
  const derived = [...totals].map(([framework, t]) => ({ framework, ratio: round3(t.ok / t.evaluated) }));
  return [...reported, ...derived].sort((a, b) => a.framework.localeCompare(b.framework));
}

function complianceFromReferences(result: ScanResult): SectionCompliance[] {
  return sectionCounts(result).map((s) => ({ framework: s.framework, section: s.section, ratio: round3(s.ok / s.evaluated) }));
}

function sectionCounts(result: ScanResult): { framework: string; section: string; evaluated: number; ok: number }[] {
  const sections = new Map<string, { framework: string; section: string; evaluated: number; ok: number }>();
  for (const c of referenceControls(result)) {
    const statuses = digestStatuses(c.digests);
    if (!statuses.some(decided)) continue;
    const section = sectionOf(c.framework, c.id);
    const key = `${c.framework}\u0000${section}`;
    const s = sections.get(key) ?? { framework: c.framework, section, evaluated: 0, ok: 0 };
    s.evaluated++;
    if (statuses.every(compliant)) s.ok++;
    sections.set(key, s);
  }
  return [...sections.values()];
}

/** Per tenant, the dimensions that have a score (a dimension with nothing evaluated has no series). */
export function tenantIsolation(result: ScanResult): TenantIsolation[] {
  return tenantsByName(result).flatMap((t) =>
    dimensionScores(t)
      .flatMap(({ dimension, score }) => (score === null ? [] : [{ tenant: t.name, dimension, score }]))
      .sort((a, b) => a.dimension.localeCompare(b.dimension)),
  );
}

/** The `crossTenantAccess` edges (source can reach or act in target); a self edge or one without paths is no cross-tenant path. */
export function crossTenantAccess(result: ScanResult): CrossTenantEdge[] {
  return sortedCrossTenantEdges(result).filter((e) => e.source !== e.target && e.count > 0);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
