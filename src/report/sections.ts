/**
 * The report views of the optional ScanResult parts: `frameworks` (control status from the
 * framework reports, and the controls the rule references name) and `tenants` /
 * `crossTenantAccess` (tenant scores and isolation matrix). An absent part is reported as
 * "not evaluated", never as empty compliance.
 */
import type { ControlReport, ControlStatus as ReportedStatus, FrameworkReport } from '../frameworks/types.js';
import type { Status } from '../model/result.js';
import type { ResultStore } from '../findings/store.js';
import type { AccessEntryReport, CrossTenantEdge, ReachEntry, TenantReport } from '../scoring/tenants.js';
import { evidenceLines, objectText } from './common.js';
import { coveredReferenceFrameworks, digestByRule, digestStatuses, dimensionScores, referenceControls, sortedCrossTenantEdges, tenantsByName, type RuleDigest } from './derived.js';
import type { ScanResult } from './model.js';

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

/** A framework report's control status as shown: a control with nothing to check is not evaluated. */
function viewStatus(s: ReportedStatus): ControlStatus {
  return s === 'not-applicable' ? 'not-evaluated' : s;
}

/** Evidence lines for a set of rules' results: the objects that keep a control from passing. */
function evidenceFor(store: ResultStore, digests: readonly RuleDigest[], limit = 20): string[] {
  const bad = digests.flatMap((d) => d.notable);
  const lines = bad.slice(0, limit).map((i) => {
    const r = store.at(i);
    return `${r.status}: ${objectText(r)} (${r.rule}): ${r.message}${r.evidence.length ? ` [${evidenceLines(r.evidence)}]` : ''}`;
  });
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

export function frameworkSection(result: ScanResult): FrameworkSection {
  const byRule = digestByRule(result.results);
  const derived = controlsFromReferences(result, byRule);
  const reports = result.frameworks ?? [];
  if (reports.length === 0) return { origin: 'references', frameworks: derived, others: [] };
  // `cis-1.12` covers the `CIS` references; the rest stay as derived views.
  const covered = coveredReferenceFrameworks(reports);
  return {
    origin: 'result',
    frameworks: reports.map((fw) => frameworkView(result.results, fw, byRule)),
    others: derived.filter((f) => !covered.has(f.framework)),
  };
}

function frameworkView(store: ResultStore, fw: FrameworkReport, byRule: ReadonlyMap<string, RuleDigest>): FrameworkView {
  const controls = fw.controls.map((c) => controlView(store, fw.name, c, byRule));
  return { framework: fw.name, ...(fw.version ? { version: fw.version } : {}), controls: sortControls(controls) };
}

function controlView(store: ResultStore, framework: string, c: ControlReport, byRule: ReadonlyMap<string, RuleDigest>): ControlView {
  const digests = c.rules.flatMap((r) => byRule.get(r) ?? []);
  return {
    framework,
    id: c.id,
    title: c.title,
    status: viewStatus(c.status),
    rules: [...c.rules],
    evidence: [...(c.reason ? [c.reason] : []), ...evidenceFor(store, digests)],
  };
}

function controlsFromReferences(result: ScanResult, byRule: Map<string, RuleDigest>): FrameworkView[] {
  const byFw = new Map<string, ControlView[]>();
  for (const c of referenceControls(result, byRule)) {
    const view: ControlView = {
      framework: c.framework,
      id: c.id,
      title: c.title,
      status: aggregateStatus(digestStatuses(c.digests)),
      rules: c.rules,
      evidence: evidenceFor(result.results, c.digests),
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
  /** The isolation score (tenants[].isolationScore), not the results score of summary.byTenant. */
  isolationScore: number | null;
  /** Isolation profile the tenant was judged by (`soft` / `hard`). */
  isolation: string;
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
  matrix: CrossTenantEdge[];
}

export function tenantSection(result: ScanResult): TenantSection {
  return {
    evaluated: result.tenants !== undefined,
    tenants: tenantsByName(result).map(tenantView),
    matrix: sortedCrossTenantEdges(result),
  };
}

function tenantView(t: TenantReport): TenantView {
  return {
    name: t.name,
    isolationScore: t.isolationScore,
    isolation: t.isolation,
    dimensions: Object.fromEntries(dimensionScores(t).map((d) => [d.dimension, d.score])),
    namespaces: [...t.namespaces],
    reachableFrom: t.reachableFrom.map(reachLine),
    accessibleBy: t.accessibleBy.map(accessLine),
  };
}

/** `beta: team-b/web → team-a/db (TCP/5432) via team-a/allow-all; some pods have no ingress policy` */
function reachLine(e: ReachEntry): string {
  const ex = e.example;
  return (
    e.tenant +
    (ex.from ? `: ${ex.from} → ${ex.to || '?'} (${ex.ports || 'any port'})` : '') +
    (e.policies.length ? ` via ${e.policies.join(', ')}` : '') +
    (e.unrestricted ? '; some pods have no ingress policy' : '')
  );
}

/** `User eve (tenant beta) can get secrets in team-a via RoleBinding/team-a/eve` */
function accessLine(e: AccessEntryReport): string {
  return `${e.subject} (tenant ${e.tenant}) can ${e.verbs.join(', ') || 'act'} in ${e.namespace}${e.via.length ? ` via ${e.via.join(', ')}` : ''}`;
}
