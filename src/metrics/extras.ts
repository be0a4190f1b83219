/**
 * Readers for the optional parts of a ScanResult that other modules add (framework
 * compliance, tenant isolation). They are read defensively: the metrics must not break when
 * a producer is absent or its shape grows, and a missing part yields no series (never zeros
 * that would look like "fully non-compliant").
 */
import type { RuleResult } from '../model/result.js';
import type { ScanResult } from '../report/model.js';

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

export interface CrossAccess {
  source: string;
  target: string;
  channel: string;
  count: number;
}

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(r: Rec, ...keys: string[]): string | undefined {
  for (const k of keys) if (typeof r[k] === 'string' && r[k] !== '') return r[k];
  return undefined;
}
function num(r: Rec, ...keys: string[]): number | undefined {
  for (const k of keys) if (typeof r[k] === 'number' && Number.isFinite(r[k])) return r[k];
  return undefined;
}
function list(v: unknown): Rec[] {
  if (Array.isArray(v)) return v.filter(isRec);
  if (isRec(v)) return Object.entries(v).map(([k, x]) => (isRec(x) ? { name: k, ...x } : { name: k, value: x }));
  return [];
}
function field(result: ScanResult, key: string): unknown {
  return (result as unknown as Rec)[key];
}

/** A ratio from an explicit value (0-1 or percent) or from passed/evaluated counts. */
function ratioOf(r: Rec): number | undefined {
  const ratio = num(r, 'ratio', 'complianceRatio');
  if (ratio !== undefined) return ratio;
  const pct = num(r, 'compliance', 'score');
  if (pct !== undefined) return pct > 1 ? pct / 100 : pct;
  const passed = num(r, 'passed', 'pass', 'compliant');
  const evaluated = num(r, 'evaluated', 'total');
  if (passed !== undefined && evaluated !== undefined && evaluated > 0) return passed / evaluated;
  return undefined;
}

/**
 * `result.frameworks` when a framework module filled it: a list of frameworks with
 * `sections` (each with a ratio or passed/evaluated counts). Otherwise computed from the rule
 * references: a control is compliant when every evaluated result of every rule mapped to it
 * passes (DESIGN.md "Framework compliance").
 */
export function frameworkCompliance(result: ScanResult): SectionCompliance[] {
  const given = list(field(result, 'frameworks'));
  const out: SectionCompliance[] = [];
  const covered: string[] = [];
  for (const fw of given) {
    // `cis-1.12`: the version is part of the label, CIS renumbers between versions.
    const framework = str(fw, 'id', 'framework', 'name');
    if (!framework) continue;
    covered.push(framework.toLowerCase());
    for (const s of list(fw['sections'])) {
      const section = str(s, 'section', 'id', 'name');
      const ratio = ratioOf(s);
      if (section !== undefined && ratio !== undefined) out.push({ framework, section, ratio });
    }
  }
  // Frameworks without a report of their own (PSS, NSA, MTB...) come from the rule references.
  const derived = complianceFromReferences(result).filter((d) => !covered.some((c) => c.startsWith(d.framework.toLowerCase())));
  return sortSections([...out, ...derived]);
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

function complianceFromReferences(result: ScanResult): SectionCompliance[] {
  const byRule = new Map<string, RuleResult[]>();
  for (const r of result.results) {
    const l = byRule.get(r.rule);
    if (l) l.push(r);
    else byRule.set(r.rule, [r]);
  }
  // control key → evaluated?, compliant?
  const controls = new Map<string, { framework: string; section: string; evaluated: boolean; ok: boolean }>();
  for (const rule of result.rules) {
    const rs = byRule.get(rule.id) ?? [];
    const evaluated = rs.some((r) => r.status === 'pass' || r.status === 'fail' || r.status === 'waived');
    // Unknown is never pass: a control with an unknown or error result is not compliant.
    const ok = rs.every((r) => r.status === 'pass' || r.status === 'not-applicable');
    for (const ref of rule.references) {
      const key = `${ref.framework}\u0000${ref.id}`;
      const c = controls.get(key) ?? { framework: ref.framework, section: sectionOf(ref.framework, ref.id), evaluated: false, ok: true };
      if (evaluated) c.evaluated = true;
      if (!ok) c.ok = false;
      controls.set(key, c);
    }
  }
  const sections = new Map<string, { framework: string; section: string; evaluated: number; ok: number }>();
  for (const c of controls.values()) {
    if (!c.evaluated) continue;
    const key = `${c.framework}\u0000${c.section}`;
    const s = sections.get(key) ?? { framework: c.framework, section: c.section, evaluated: 0, ok: 0 };
    s.evaluated++;
    if (c.ok) s.ok++;
    sections.set(key, s);
  }
  return sortSections(
    [...sections.values()].map((s) => ({ framework: s.framework, section: s.section, ratio: round3(s.ok / s.evaluated) })),
  );
}

function sortSections(l: SectionCompliance[]): SectionCompliance[] {
  return l.sort((a, b) => a.framework.localeCompare(b.framework) || a.section.localeCompare(b.section, 'en', { numeric: true }));
}

/**
 * `result.tenants`: a list (or map) of tenants, each with `isolation` (dimension → score, or
 * a list of `{dimension, score}`); and `result.tenants.crossAccess` / a top-level
 * `crossTenantAccess` list of `{source, target, channel, count}`.
 */
export function tenantIsolation(result: ScanResult): TenantIsolation[] {
  const out: TenantIsolation[] = [];
  const raw = field(result, 'tenants');
  const tenants = isRec(raw) && Array.isArray(raw['tenants']) ? list(raw['tenants']) : list(raw);
  for (const t of tenants) {
    const tenant = str(t, 'name', 'tenant');
    if (!tenant) continue;
    const iso = t['isolation'] ?? t['dimensions'];
    if (Array.isArray(iso)) {
      for (const d of list(iso)) {
        const dimension = str(d, 'dimension', 'name');
        const score = num(d, 'score', 'value');
        if (dimension && score !== undefined) out.push({ tenant, dimension, score });
      }
    } else if (isRec(iso)) {
      for (const [dimension, v] of Object.entries(iso)) {
        const score = typeof v === 'number' ? v : isRec(v) ? num(v, 'score', 'value') : undefined;
        if (score !== undefined && Number.isFinite(score)) out.push({ tenant, dimension, score });
      }
    }
  }
  return out.sort((a, b) => a.tenant.localeCompare(b.tenant) || a.dimension.localeCompare(b.dimension));
}

/**
 * Cross-tenant paths. Read from the tenancy report shape (issue 5):
 * the top-level `crossTenantAccess` edge list `{source, target, channel, count}` when
 * present; otherwise derived from `tenants: [{name, reachableFrom, accessibleBy}]` —
 * reachableFrom entries are tenants reaching this one over the network (channel `network`),
 * accessibleBy entries are subjects of other tenants with rights in it (channel `rbac`).
 */
export function crossTenantAccess(result: ScanResult): CrossAccess[] {
  const raw = field(result, 'tenants');
  const counts = new Map<string, number>();
  const add = (source: string, target: string, channel: string, n: number): void => {
    if (source === target || n <= 0) return;
    const k = `${source}\u0000${target}\u0000${channel}`;
    counts.set(k, (counts.get(k) ?? 0) + n);
  };
  const explicit = list((isRec(raw) ? (raw['crossAccess'] ?? raw['crossTenantAccess'] ?? raw['matrix']) : undefined) ?? field(result, 'crossTenantAccess'));
  for (const e of explicit) {
    const from = str(e, 'source', 'sourceTenant', 'from');
    const to = str(e, 'target', 'targetTenant', 'to');
    const channel = str(e, 'channel', 'dimension', 'kind') ?? 'any';
    if (from && to) add(from, to, channel, countOf(e));
  }
  // The edge list is the matrix itself; derive from the per-tenant lists only without it.
  const tenants = explicit.length > 0 ? [] : isRec(raw) && Array.isArray(raw['tenants']) ? list(raw['tenants']) : list(raw);
  for (const t of tenants) {
    const target = str(t, 'name', 'tenant');
    if (!target) continue;
    for (const [key, channel] of [['reachableFrom', 'network'], ['accessibleBy', 'rbac']] as const) {
      const entries = t[key];
      if (!Array.isArray(entries)) continue;
      for (const e of entries) {
        if (typeof e === 'string') add(e, target, channel, 1);
        else if (isRec(e)) {
          const source = str(e, 'tenant', 'sourceTenant', 'source', 'from');
          // `none`: platform identities outside every tenant are not a cross-tenant path.
          if (source && source !== 'none') add(source, target, str(e, 'channel') ?? channel, countOf(e));
        }
      }
    }
  }
  return [...counts.entries()]
    .map(([k, count]) => {
      const [source = '', target = '', channel = ''] = k.split('\u0000');
      return { source, target, channel, count };
    })
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || a.channel.localeCompare(b.channel));
}

function countOf(e: Rec): number {
  const n = num(e, 'count', 'paths', 'value');
  if (n !== undefined) return n;
  for (const k of ['paths', 'subjects', 'policies', 'pods']) if (Array.isArray(e[k])) return Math.max(1, e[k].length);
  return 1;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
