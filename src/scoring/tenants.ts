/**
 * Per-tenant isolation scores by dimension, the tenant × tenant cross-access matrix, and the
 * `tenants` section of the ScanResult. Scores use the DESIGN.md formula (src/scoring/score.ts)
 * over the results that belong to the tenant; coverage is reported beside each score.
 */
import type { PalisadeConfig, TenantIsolation } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { isRecord } from '../model/k8s.js';
import type { RuleResult } from '../model/result.js';
import { EVERYONE, accessModelFor } from '../analysis/access.js';
import { networkModelFor, formatPorts } from '../analysis/network.js';
import { subjectString } from '../analysis/rbac.js';
import { isRealTenant, tenantModelFor } from '../analysis/tenants.js';
import { Tally, type Coverage } from './score.js';

export const DIMENSIONS = ['network', 'access', 'compute', 'pod-security', 'storage', 'exposure'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Which dimension a rule's results count towards; families map wholesale, tenancy rules one by one. */
const RULE_DIMENSION: Record<string, Dimension> = {
  'tenancy/default-deny-ingress': 'network',
  'tenancy/default-deny-egress': 'network',
  'tenancy/cross-tenant-network': 'network',
  'tenancy/cross-tenant-access': 'access',
  'tenancy/dangerous-permissions': 'access',
  'tenancy/cluster-resource-access': 'access',
  'tenancy/quota-modification': 'access',
  'tenancy/namespace-self-modification': 'access',
  'tenancy/shared-service-account': 'access',
  'tenancy/self-service': 'access',
  'tenancy/compute-quota': 'compute',
  'tenancy/object-quota': 'compute',
  'tenancy/limit-range': 'compute',
  'tenancy/runtime-class': 'compute',
  'tenancy/node-isolation': 'compute',
  'tenancy/user-namespaces': 'compute',
  'tenancy/mesh-mtls': 'network',
  'tenancy/pod-security-admission': 'pod-security',
  'tenancy/persistent-volume-reuse': 'storage',
  'tenancy/service-exposure': 'exposure',
  'tenancy/external-name-service': 'exposure',
  'tenancy/ingress-host-collision': 'exposure',
};

const FAMILY_DIMENSION: Record<string, Dimension> = {
  pss: 'pod-security',
  probes: 'access',
  network: 'network',
};

export function dimensionOf(ruleId: string): Dimension | undefined {
  const direct = RULE_DIMENSION[ruleId];
  if (direct) return direct;
  // Live probes: `probes/<dimension>-...` rule IDs (src/probes/).
  if (ruleId.startsWith('probes/admission')) return 'pod-security';
  return FAMILY_DIMENSION[ruleId.slice(0, ruleId.indexOf('/'))];
}

export interface DimensionScore {
  score: number | null;
  coverage: Coverage;
  fail: number;
}

export interface ReachEntry {
  tenant: string;
  /** Ingress and egress policies that let the traffic through. */
  policies: string[];
  /** Some of the tenant's pods are not selected by any ingress policy. */
  unrestricted: boolean;
  example: { from: string; to: string; ports: string };
}

/**
 * `accessibleBy[].tenant` of a platform identity outside every tenant (an AccessEntry without a
 * subjectTenant). Listed, but never the source of a cross-tenant edge: edges are between tenants.
 */
export const NO_TENANT = 'none';

export interface AccessEntryReport {
  subject: string;
  /** The subject's tenant, `*` (EVERYONE) for groups holding every tenant's identities, or `none` (NO_TENANT) for platform identities outside every tenant. */
  tenant: string;
  namespace: string;
  verbs: string[];
  via: string[];
}

export interface TenantReport {
  name: string;
  namespaces: string[];
  /**
   * The tenant's isolation score: the score formula over the results of the isolation dimensions'
   * rules only (network, access, compute, pod security, storage, exposure). Not the tenant's
   * results score (`summary.byTenant`, every rule), which is a different number.
   */
  isolationScore: number | null;
  /** The isolation profile the tenant was judged by: `hard` adds the strict checks (docs/tenancy.md). */
  isolation: TenantIsolation;
  /** @deprecated The same number as `isolationScore`, under its schema 2.0 name; kept for 2.x readers, removed in 3.0. */
  score: number | null;
  coverage: Coverage;
  dimensions: Record<Dimension, DimensionScore>;
  /** Other tenants (and `unassigned` / `system` namespaces) whose pods can open connections to this tenant's pods. */
  reachableFrom: ReachEntry[];
  /** Subjects outside the tenant with rights in its namespaces. */
  accessibleBy: AccessEntryReport[];
}

export interface CrossTenantEdge {
  source: string;
  target: string;
  channel: 'network' | 'rbac';
  /** Policies (network) or subjects (rbac) that make the edge. */
  count: number;
}

/** The tenant a result counts for: its own tenant, a Namespace's tenant, or for a PersistentVolume the tenant that claims it. */
function resultTenant(r: RuleResult, snapshot: Snapshot, tenantOf: (ns: string | undefined) => string | undefined): string | undefined {
  if (r.tenant) return r.tenant;
  // The runner takes the tenant from metadata.namespace, which a Namespace object does not have.
  if (r.object.kind === 'Namespace') return tenantOf(r.object.name);
  if (r.object.kind === 'PersistentVolume') {
    const pv = snapshot.get('PersistentVolume', r.object.name);
    const spec = pv && isRecord(pv['spec']) ? pv['spec'] : {};
    const claim = isRecord(spec['claimRef']) ? spec['claimRef'] : undefined;
    return tenantOf(typeof claim?.['namespace'] === 'string' ? claim['namespace'] : undefined);
  }
  return undefined;
}

/**
 * The tenants an outside subject's access into a tenant makes RBAC edges from: every other tenant
 * for a group that holds every tenant's identities (system:authenticated and the like), its own
 * tenant for a tenant's subject, and none for a platform identity outside every tenant
 * (`subjectTenant` undefined, reported as NO_TENANT) or one of an `unassigned` namespace.
 * Read from the access entry, not the report string, so a tenant named `none` still has edges.
 */
export function rbacEdgeSources(subjectTenant: string | undefined, otherTenants: readonly string[]): string[] {
  if (subjectTenant === EVERYONE) return [...otherTenants];
  return subjectTenant !== undefined && isRealTenant(subjectTenant) ? [subjectTenant] : [];
}

/** Tenant reports for every real tenant, plus the cross-tenant edges for the matrix. */
export function buildTenantReports(
  snapshot: Snapshot,
  config: PalisadeConfig,
  results: Iterable<RuleResult>,
): { tenants: TenantReport[]; crossTenantAccess: CrossTenantEdge[] } {
  const model = tenantModelFor(snapshot, config);
  const tenantOf = (ns: string | undefined): string | undefined => model.tenantOf(ns);
  const real = model.tenants();
  if (real.length === 0) return { tenants: [], crossTenantAccess: [] };

  // Tallies, not lists: a tenant's score needs counts and weights only.
  const byTenant = new Map<string, { overall: Tally; dimensions: Map<Dimension, Tally> }>();
  let ranNetwork = false;
  let ranAccess = false;
  for (const r of results) {
    if (r.rule === 'tenancy/cross-tenant-network') ranNetwork = true;
    if (r.rule === 'tenancy/cross-tenant-access') ranAccess = true;
    const d = dimensionOf(r.rule);
    if (d === undefined) continue;
    const t = resultTenant(r, snapshot, tenantOf);
    if (!isRealTenant(t)) continue;
    let entry = byTenant.get(t!);
    if (!entry) byTenant.set(t!, (entry = { overall: new Tally(), dimensions: new Map() }));
    entry.overall.add(r.status, r.severity);
    let dt = entry.dimensions.get(d);
    if (!dt) entry.dimensions.set(d, (dt = new Tally()));
    dt.add(r.status, r.severity);
  }

  const net = ranNetwork ? networkModelFor(snapshot, config, (ns) => model.tenantOf(ns) ?? ns) : undefined;
  const access = ranAccess ? accessModelFor(snapshot, config) : undefined;
  const matrix = net?.tenantMatrix();
  const edges: CrossTenantEdge[] = [];

  const tenants = real.map((t): TenantReport => {
    const mine = byTenant.get(t.name);
    const dimensions = Object.fromEntries(
      DIMENSIONS.map((d) => {
        const s = (mine?.dimensions.get(d) ?? new Tally()).summary();
        return [d, { score: s.score, coverage: s.coverage, fail: s.counts.fail }];
      }),
    ) as Record<Dimension, DimensionScore>;
    const overall = (mine?.overall ?? new Tally()).summary();

    const reachableFrom: ReachEntry[] = [];
    for (const [source, reach] of [...(matrix?.get(t.name) ?? new Map())].sort(([a], [b]) => a.localeCompare(b))) {
      if (source === t.name) continue;
      const policies = [...reach.ingressPolicies, ...reach.egressPolicies];
      reachableFrom.push({
        tenant: source,
        policies,
        unrestricted: reach.unrestricted,
        example: { from: reach.example.from, to: reach.example.to, ports: formatPorts(reach.example.ports) },
      });
      if (isRealTenant(source)) edges.push({ source, target: t.name, channel: 'network', count: Math.max(1, reach.ingressPolicies.length) });
    }

    const entries = access?.accessibleBy(t.name) ?? [];
    const accessibleBy: AccessEntryReport[] = entries.map((e) => ({
      subject: subjectString(e.subject),
      tenant: e.subjectTenant ?? NO_TENANT,
      namespace: e.namespace,
      verbs: e.verbs,
      via: e.via,
    }));
    const others = real.map((x) => x.name).filter((n) => n !== t.name);
    const rbacSources = new Map<string, number>();
    for (const e of entries) {
      for (const s of rbacEdgeSources(e.subjectTenant, others)) rbacSources.set(s, (rbacSources.get(s) ?? 0) + 1);
    }
    for (const [source, count] of rbacSources) edges.push({ source, target: t.name, channel: 'rbac', count });

    return {
      name: t.name,
      namespaces: [...t.namespaces],
      isolationScore: overall.score,
      score: overall.score,
      isolation: t.isolation,
      coverage: overall.coverage,
      dimensions,
      reachableFrom,
      accessibleBy,
    };
  });
  edges.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || a.channel.localeCompare(b.channel));
  return { tenants, crossTenantAccess: edges };
}

// ---------------------------------------------------------------- table section

/** Minimal structural type of the table's style function (no value import from the report module). */
export type StyleFn = (style: 'bold' | 'dim' | 'red' | 'yellow' | 'green' | ('bold' | 'red')[], text: string) => string;

function pad(rows: string[][]): string[] {
  const visible = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(c))));
  return rows.map((row) => row.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - visible(c))).join('  ').trimEnd());
}

function scoreCell(score: number | null, style: StyleFn): string {
  if (score === null) return style('dim', 'n/a');
  return style(score >= 90 ? 'green' : score >= 70 ? 'yellow' : ['bold', 'red'], score.toFixed(0));
}

/**
 * Lines of the tenant section: the isolation score and its dimensions, the results score beside it
 * (two different numbers, two names), then the tenant × tenant matrix (N = network, R = RBAC).
 */
export function renderTenantLines(
  tenants: readonly TenantReport[] | undefined,
  edges: readonly CrossTenantEdge[] | undefined,
  style: StyleFn,
  resultsScores: readonly { name: string; score: number | null }[] = [],
): string[] {
  if (!tenants || tenants.length === 0) return [];
  const lines: string[] = [style('bold', 'Tenants (isolation score: isolation rules only; results score: every rule)')];
  const results = new Map(resultsScores.map((s) => [s.name, s.score]));
  const head = ['tenant', 'profile', 'isolation', ...DIMENSIONS, 'coverage', 'results', 'namespaces'];
  const rows = tenants.map((t) => [
    t.name,
    t.isolation === 'hard' ? style('bold', 'hard') : 'soft',
    scoreCell(t.isolationScore, style),
    ...DIMENSIONS.map((d) => scoreCell(t.dimensions[d].score, style)),
    t.coverage.ratio === null ? 'n/a' : `${Math.round(t.coverage.ratio * 100)}%`,
    scoreCell(results.get(t.name) ?? null, style),
    String(t.namespaces.length),
  ]);
  lines.push(...pad([head, ...rows]).map((l) => `  ${l}`));
  lines.push('');
  lines.push(style('bold', 'Cross-tenant access (row → column: N network, R RBAC, · none)'));
  const names = tenants.map((t) => t.name);
  const cell = (source: string, target: string): string => {
    if (source === target) return style('dim', '—');
    const e = (edges ?? []).filter((x) => x.source === source && x.target === target);
    const text = `${e.some((x) => x.channel === 'network') ? 'N' : ''}${e.some((x) => x.channel === 'rbac') ? 'R' : ''}`;
    return text ? style(['bold', 'red'], text) : style('green', '·');
  };
  const matrix = [['from \\ to', ...names], ...names.map((s) => [s, ...names.map((t) => cell(s, t))])];
  lines.push(...pad(matrix).map((l) => `  ${l}`));
  return lines;
}
