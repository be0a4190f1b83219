/**
 * Readers for the optional ScanResult sections other modules add: `frameworks` (control
 * compliance, from the CIS work) and `tenants` (tenant scores and isolation matrix, from the
 * tenancy work). They read defensively, because the shapes grow while reports must not break:
 * an absent section is reported as "not evaluated", never as empty compliance.
 */
import type { RuleResult, Status } from '../model/result.js';
import { evidenceLines, objectText } from './common.js';
import type { ScanResult } from './model.js';

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(r: Rec, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = r[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

function num(r: Rec, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = r[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/** Arrays as they are; maps `{name: {...}}` as `[{name, ...}]`. */
function list(v: unknown): Rec[] {
  if (Array.isArray(v)) return v.filter(isRec);
  if (isRec(v)) return Object.entries(v).map(([k, x]) => (isRec(x) ? { name: k, ...x } : { name: k, value: x }));
  return [];
}

function field(result: ScanResult, key: string): unknown {
  return (result as unknown as Rec)[key];
}

export type ControlStatus = 'pass' | 'fail' | 'waived' | 'unknown' | 'error' | 'manual' | 'not-evaluated';

export interface ControlView {
  framework: string;
  id: string;
  title: string;
  status: ControlStatus;
  rules: string[];
  /** Failing (or unknown) objects with their evidence, one line each. */
  evidence: string[];
}

export interface FrameworkView {
  framework: string;
  version?: string;
  controls: ControlView[];
}

export interface FrameworkSection {
  /** `result` when a framework module filled `result.frameworks`; `references` when derived from rule references. */
  origin: 'result' | 'references';
  frameworks: FrameworkView[];
  /** With origin `result`: the other frameworks the rules reference (PSS, NSA, MTB...), derived from references. */
  others: FrameworkView[];
}

const CONTROL_STATUSES: readonly ControlStatus[] = ['pass', 'fail', 'waived', 'unknown', 'error', 'manual', 'not-evaluated'];

function controlStatus(v: string | undefined): ControlStatus {
  if (v === undefined) return 'not-evaluated';
  const s = v.toLowerCase().replace(/[_ ]/g, '-');
  if ((CONTROL_STATUSES as readonly string[]).includes(s)) return s as ControlStatus;
  if (s === 'passed' || s === 'compliant') return 'pass';
  if (s === 'failed' || s === 'non-compliant' || s === 'noncompliant') return 'fail';
  if (s === 'not-applicable' || s === 'na' || s === 'skip' || s === 'skipped') return 'not-evaluated';
  return 'unknown';
}

/** Evidence lines for a set of results: the objects that keep a control from passing. */
function evidenceFor(results: readonly RuleResult[], limit = 20): string[] {
  const bad = results.filter((r) => r.status !== 'pass' && r.status !== 'not-applicable');
  const lines = bad.slice(0, limit).map((r) => `${r.status}: ${objectText(r)} (${r.rule}): ${r.message}${r.evidence.length ? ` [${evidenceLines(r.evidence)}]` : ''}`);
  if (bad.length > limit) lines.push(`… and ${bad.length - limit} more`);
  return lines;
}

/** Worst status wins: fail > error > unknown > waived > pass; nothing evaluated → not-evaluated. */
export function aggregateStatus(statuses: readonly Status[]): ControlStatus {
  const has = (s: Status): boolean => statuses.includes(s);
  if (has('fail')) return 'fail';
  if (has('error')) return 'error';
  if (has('unknown')) return 'unknown';
  if (has('waived')) return 'waived';
  if (has('pass')) return 'pass';
  return 'not-evaluated';
}

function resultsByRule(result: ScanResult): Map<string, RuleResult[]> {
  const m = new Map<string, RuleResult[]>();
  for (const r of result.results) {
    const l = m.get(r.rule);
    if (l) l.push(r);
    else m.set(r.rule, [r]);
  }
  return m;
}

export function frameworkSection(result: ScanResult): FrameworkSection {
  const given = list(field(result, 'frameworks'));
  const byRule = resultsByRule(result);
  const fromResult: FrameworkView[] = [];
  for (const fw of given) {
    const framework = str(fw, 'framework', 'name', 'id');
    if (!framework) continue;
    const controls: ControlView[] = [];
    const rawControls = list(fw['controls']).length > 0 ? list(fw['controls']) : list(fw['sections']).flatMap((s) => list(s['controls']));
    for (const c of rawControls) {
      const id = str(c, 'id', 'control', 'name');
      if (!id) continue;
      const rules = Array.isArray(c['rules']) ? c['rules'].filter((x): x is string => typeof x === 'string') : [];
      const ruleResults = rules.flatMap((r) => byRule.get(r) ?? []);
      const given = Array.isArray(c['evidence']) ? c['evidence'].map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) : [];
      const status = c['status'] !== undefined ? controlStatus(str(c, 'status')) : aggregateStatus(ruleResults.map((r) => r.status));
      const reason = str(c, 'reason', 'automation', 'note');
      controls.push({
        framework,
        id,
        title: str(c, 'title', 'description') ?? '',
        status,
        rules,
        evidence: [...(reason ? [reason] : []), ...given, ...(given.length === 0 ? evidenceFor(ruleResults) : [])],
      });
    }
    const version = str(fw, 'version');
    fromResult.push({ framework, ...(version ? { version } : {}), controls: sortControls(controls) });
  }
  const derived = controlsFromReferences(result, byRule);
  if (fromResult.length === 0) return { origin: 'references', frameworks: derived, others: [] };
  // `CIS Kubernetes Benchmark` covers the `CIS` references; the rest stay as derived views.
  const covered = new Set(fromResult.map((f) => f.framework.split(/\s+/)[0]?.toLowerCase() ?? ''));
  return { origin: 'result', frameworks: fromResult, others: derived.filter((f) => !covered.has(f.framework.toLowerCase())) };
}

function controlsFromReferences(result: ScanResult, byRule: Map<string, RuleResult[]>): FrameworkView[] {
  const controls = new Map<string, ControlView & { results: RuleResult[] }>();
  for (const rule of result.rules) {
    for (const ref of rule.references) {
      const key = `${ref.framework}\u0000${ref.id}`;
      const c = controls.get(key) ?? { framework: ref.framework, id: ref.id, title: '', status: 'not-evaluated' as ControlStatus, rules: [], evidence: [], results: [] };
      c.rules.push(rule.id);
      c.results.push(...(byRule.get(rule.id) ?? []));
      if (!c.title) c.title = rule.title;
      controls.set(key, c);
    }
  }
  const byFw = new Map<string, ControlView[]>();
  for (const c of controls.values()) {
    const view: ControlView = {
      framework: c.framework,
      id: c.id,
      title: c.title,
      status: aggregateStatus(c.results.map((r) => r.status)),
      rules: c.rules,
      evidence: evidenceFor(c.results),
    };
    const l = byFw.get(c.framework);
    if (l) l.push(view);
    else byFw.set(c.framework, [view]);
  }
  return [...byFw.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([framework, cs]) => ({ framework, controls: sortControls(cs) }));
}

function sortControls(cs: ControlView[]): ControlView[] {
  return cs.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export interface TenantView {
  name: string;
  score: number | null;
  /** dimension → score (0-100); null when nothing in that dimension was evaluated. */
  dimensions: Record<string, number | null>;
  namespaces: string[];
  /** Other tenants whose pods can connect to this tenant's pods, one line each. */
  reachableFrom: string[];
  /** Subjects outside the tenant with rights in its namespaces, one line each. */
  accessibleBy: string[];
}

export interface TenantSection {
  /** false when no tenancy module filled `result.tenants`: the isolation assessment was not evaluated. */
  evaluated: boolean;
  tenants: TenantView[];
  /** source tenant → target tenant → channels that cross. */
  matrix: { source: string; target: string; channel: string; count: number }[];
}

export function tenantSection(result: ScanResult): TenantSection {
  const raw = field(result, 'tenants');
  const tenantsRaw = isRec(raw) && Array.isArray(raw['tenants']) ? list(raw['tenants']) : list(raw);
  const tenants: TenantView[] = [];
  for (const t of tenantsRaw) {
    const name = str(t, 'name', 'tenant');
    if (!name) continue;
    const dimensions: Record<string, number | null> = {};
    const iso = t['isolation'] ?? t['dimensions'];
    if (Array.isArray(iso)) {
      for (const d of list(iso)) {
        const dim = str(d, 'dimension', 'name');
        const score = num(d, 'score', 'value');
        if (dim && score !== undefined) dimensions[dim] = score;
      }
    } else if (isRec(iso)) {
      for (const [dim, v] of Object.entries(iso)) {
        const score = typeof v === 'number' ? v : isRec(v) ? num(v, 'score', 'value') : undefined;
        if (score !== undefined) dimensions[dim] = score;
        else if (isRec(v) && v['score'] === null) dimensions[dim] = null;
      }
    }
    const namespaces = Array.isArray(t['namespaces']) ? t['namespaces'].filter((x): x is string => typeof x === 'string') : [];
    const score = num(t, 'score', 'isolationScore') ?? null;
    const reachableFrom = list(t['reachableFrom']).map((e) => {
      const ex = isRec(e['example']) ? e['example'] : {};
      const policies = Array.isArray(e['policies']) ? e['policies'].filter((x): x is string => typeof x === 'string') : [];
      return (
        `${str(e, 'tenant') ?? '?'}` +
        (str(ex, 'from') ? `: ${str(ex, 'from')} → ${str(ex, 'to') ?? '?'} (${str(ex, 'ports') ?? 'any port'})` : '') +
        (policies.length ? ` via ${policies.join(', ')}` : '') +
        (e['unrestricted'] === true ? '; some pods have no ingress policy' : '')
      );
    });
    const accessibleBy = list(t['accessibleBy']).map((e) => {
      const verbs = Array.isArray(e['verbs']) ? e['verbs'].filter((x): x is string => typeof x === 'string') : [];
      const via = Array.isArray(e['via']) ? e['via'].filter((x): x is string => typeof x === 'string') : [];
      return `${str(e, 'subject') ?? '?'} (tenant ${str(e, 'tenant') ?? '?'}) can ${verbs.join(', ') || 'act'} in ${str(e, 'namespace') ?? '?'}${via.length ? ` via ${via.join(', ')}` : ''}`;
    });
    tenants.push({ name, score, dimensions, namespaces, reachableFrom, accessibleBy });
  }
  const matrixRaw = (isRec(raw) ? (raw['crossAccess'] ?? raw['crossTenantAccess'] ?? raw['matrix']) : undefined) ?? field(result, 'crossTenantAccess');
  const matrix: TenantSection['matrix'] = [];
  for (const e of list(matrixRaw)) {
    const source = str(e, 'source', 'sourceTenant', 'from');
    const target = str(e, 'target', 'targetTenant', 'to');
    if (!source || !target) continue;
    const count = num(e, 'count', 'value') ?? (Array.isArray(e['paths']) ? e['paths'].length : 1);
    matrix.push({ source, target, channel: str(e, 'channel', 'dimension', 'kind') ?? 'any', count });
  }
  return {
    evaluated: raw !== undefined && raw !== null,
    tenants: tenants.sort((a, b) => a.name.localeCompare(b.name)),
    matrix: matrix.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || a.channel.localeCompare(b.channel)),
  };
}
