/**
 * ScanResult → prom-client Registry. A fresh registry per published result, so series of an
 * old scan (a namespace that is gone, a finding that was fixed) never linger.
 */
import { Gauge, Registry } from 'prom-client';
import type { WaiverConfig } from '../config/types.js';
import { isExpired } from '../engine/waivers.js';
import { ruleFamily } from '../engine/rule.js';
import { STATUSES, resultNamespace } from '../model/result.js';
import type { ScanResult } from '../report/model.js';
import { crossTenantAccess, frameworkCompliance, frameworkOverallCompliance, tenantIsolation } from './extras.js';
import { CLUSTER_LABEL, SCAN_FAMILIES as F, type FamilySpec } from './families.js';

export interface FindingInfoOptions {
  enabled: boolean;
  /** Hard cap on `palisade_finding_info` series. */
  limit: number;
}

export const DEFAULT_FINDING_INFO_LIMIT = 1000;

export interface ScanMetricsOptions {
  /** Added as a `cluster` label on every series. */
  cluster?: string;
  /** Configured waivers, for `palisade_waivers` (annotation waivers come from the results). */
  waivers?: readonly WaiverConfig[];
  /** Evaluation time for waiver expiry; defaults to the scan's end. */
  now?: Date;
  /** False when the latest scan attempt failed and `result` is the previous good one. */
  lastAttemptSucceeded?: boolean;
  findingInfo?: FindingInfoOptions;
  /** Version for build_info (defaults to the scanner version in the result). */
  version?: string;
}

type Labels = Record<string, string>;

function gauge(reg: Registry, spec: FamilySpec): Gauge {
  return new Gauge({ name: spec.name, help: spec.help, labelNames: [...spec.labels], registers: [reg] });
}

export function scanEndTime(result: ScanResult): Date {
  return new Date(Date.parse(result.startedAt) + result.durationSeconds * 1000);
}

/** Builds the scan families. Label values are sorted so the exposition is deterministic. */
export function buildScanRegistry(result: ScanResult, opts: ScanMetricsOptions = {}): Registry {
  const reg = new Registry();
  if (opts.cluster) reg.setDefaultLabels({ [CLUSTER_LABEL]: opts.cluster });
  const end = scanEndTime(result);

  gauge(reg, F.buildInfo).set({ version: opts.version ?? result.scanner.version }, 1);
  gauge(reg, F.lastScanTimestamp).set(end.getTime() / 1000);
  gauge(reg, F.lastScanSuccess).set(opts.lastAttemptSucceeded === false ? 0 : 1);
  gauge(reg, F.lastScanIncomplete).set(result.incomplete ? 1 : 0);
  gauge(reg, F.lastScanDuration).set(result.durationSeconds);

  const objects = gauge(reg, F.scannedObjects);
  for (const kind of Object.keys(result.summary.objects.byKind).sort()) {
    objects.set({ kind }, result.summary.objects.byKind[kind] ?? 0);
  }

  const errors = gauge(reg, F.scanErrors);
  for (const [key, n] of sortedCounts(scanErrorKeys(result))) {
    const [resource = '', reason = ''] = key.split('\u0000');
    errors.set({ resource, reason }, n);
  }

  setRuleResults(gauge(reg, F.ruleResults), result);
  setNamespaceFailures(gauge(reg, F.namespaceFailures), result);

  setIfScore(gauge(reg, F.clusterScore), {}, result.summary.score);
  setIfScore(gauge(reg, F.clusterCoverage), {}, result.summary.coverage.ratio);
  const nsScore = gauge(reg, F.namespaceScore);
  const nsCov = gauge(reg, F.namespaceCoverage);
  for (const ns of result.summary.byNamespace) {
    const labels = { namespace: ns.name, tenant: ns.tenant ?? '' };
    setIfScore(nsScore, labels, ns.score);
    setIfScore(nsCov, labels, ns.coverage.ratio);
  }
  const tScore = gauge(reg, F.tenantScore);
  const tCov = gauge(reg, F.tenantCoverage);
  for (const t of result.summary.byTenant) {
    setIfScore(tScore, { tenant: t.name }, t.score);
    setIfScore(tCov, { tenant: t.name }, t.coverage.ratio);
  }
  const fScore = gauge(reg, F.familyScore);
  const fCov = gauge(reg, F.familyCoverage);
  for (const f of result.summary.byFamily) {
    setIfScore(fScore, { family: f.name }, f.score);
    setIfScore(fCov, { family: f.name }, f.coverage.ratio);
  }

  const compliance = gauge(reg, F.frameworkCompliance);
  for (const s of frameworkCompliance(result)) compliance.set({ framework: s.framework, section: s.section }, s.ratio);
  const overall = gauge(reg, F.frameworkComplianceOverall);
  for (const f of frameworkOverallCompliance(result)) overall.set({ framework: f.framework }, f.ratio);
  const isolation = gauge(reg, F.tenantIsolation);
  for (const i of tenantIsolation(result)) isolation.set({ tenant: i.tenant, dimension: i.dimension }, i.score);
  const cross = gauge(reg, F.tenantCrossAccess);
  for (const c of crossTenantAccess(result)) {
    cross.set({ source_tenant: c.source, target_tenant: c.target, channel: c.channel }, c.count);
  }

  setKubernetesVersions(gauge(reg, F.kubernetesVersionInfo), result);

  const waivers = gauge(reg, F.waivers);
  for (const [key, n] of sortedCounts(waiverKeys(result, opts.waivers ?? [], opts.now ?? end))) {
    const [rule = '', state = ''] = key.split('\u0000');
    waivers.set({ rule, state }, n);
  }

  if (opts.findingInfo?.enabled) setFindingInfo(reg, result, opts.findingInfo.limit);
  return reg;
}

/** Distinct kubelet versions exported at most; the rest are summed into version="other". */
export const MAX_KUBELET_VERSION_SERIES = 20;

/** Control plane: one series; kubelets: one series per distinct version with its node count. */
function setKubernetesVersions(g: Gauge, result: ScanResult): void {
  const v = result.summary.kubernetesVersions;
  if (!v) return;
  if (v.controlPlane) g.set({ component: 'control-plane', version: v.controlPlane.version }, 1);
  // Oldest first in the summary; keep the versions with the most nodes when capping.
  const kubelets = [...v.kubelets].sort((a, b) => b.nodes - a.nodes || a.version.localeCompare(b.version));
  let other = 0;
  kubelets.forEach((k, i) => {
    if (i < MAX_KUBELET_VERSION_SERIES) g.set({ component: 'kubelet', version: k.version }, k.nodes);
    else other += k.nodes;
  });
  if (other > 0) g.set({ component: 'kubelet', version: 'other' }, other);
}

/** Inventory errors and kind gaps. File paths are folded into `file` so they cannot grow series. */
function scanErrorKeys(result: ScanResult): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (resource: string, reason: string): void => {
    const k = `${resource}\u0000${reason}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  for (const e of result.errors) add(result.source.mode === 'live' ? e.source : 'file', e.reason);
  for (const g of result.gaps) add(g.kind, g.code);
  return counts;
}

/** Every status for every rule that ran: stable series, so a rule going to zero failures shows 0. */
function setRuleResults(g: Gauge, result: ScanResult): void {
  const counts = new Map<string, number>();
  const store = result.results;
  for (let i = 0; i < store.length; i++) {
    const k = `${store.ruleOf(i)}\u0000${store.statusOf(i)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const rule of [...result.rules].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const status of STATUSES) {
      const labels = { rule: rule.id, family: rule.family || ruleFamily(rule.id), severity: rule.severity, status };
      g.set(labels, counts.get(`${rule.id}\u0000${status}`) ?? 0);
    }
  }
}

function setNamespaceFailures(g: Gauge, result: ScanResult): void {
  const tenantOf = new Map(result.summary.byNamespace.map((n) => [n.name, n.tenant ?? '']));
  const counts = new Map<string, number>();
  for (const r of result.results.withStatus('fail')) {
    const ns = resultNamespace(r);
    if (ns === undefined) continue;
    const tenant = r.tenant ?? tenantOf.get(ns) ?? '';
    const k = [ns, tenant, r.rule, r.severity].join('\u0000');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const [k, n] of sortedCounts(counts)) {
    const [namespace = '', tenant = '', rule = '', severity = ''] = k.split('\u0000');
    g.set({ namespace, tenant, rule, severity }, n);
  }
}

/** Config waivers by state; annotation waivers (active by definition) from the waived results. */
function waiverKeys(result: ScanResult, configured: readonly WaiverConfig[], now: Date): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (rule: string, state: string): void => {
    const k = `${rule}\u0000${state}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  for (const w of configured) add(w.rule, isExpired(w, now) ? 'expired' : 'active');
  for (const r of result.results.withStatus('waived')) if (r.waiver?.source === 'annotation') add(r.rule, 'active');
  return counts;
}

function setFindingInfo(reg: Registry, result: ScanResult, limit: number): void {
  const info = gauge(reg, F.findingInfo);
  const failing = result.results
    .withStatus('fail')
    // Most severe first, so the cap drops the least important series.
    .sort((a, b) => severityOrder(a.severity) - severityOrder(b.severity));
  const seen = new Set<string>();
  let omitted = 0;
  for (const r of failing) {
    const labels: Labels = {
      rule: r.rule,
      severity: r.severity,
      namespace: r.object.namespace ?? '',
      kind: r.object.kind,
      name: r.object.name,
    };
    const key = Object.values(labels).join('\u0000');
    if (seen.has(key)) continue;
    if (seen.size >= Math.max(0, limit)) {
      omitted++;
      continue;
    }
    seen.add(key);
    info.set(labels, 1);
  }
  gauge(reg, F.findingInfoOmitted).set(omitted);
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];
function severityOrder(s: string): number {
  return SEVERITY_ORDER.indexOf(s);
}

function setIfScore(g: Gauge, labels: Labels, value: number | null): void {
  // No weighted result → no series: a missing score is not a zero score.
  if (value !== null && Number.isFinite(value)) g.set(labels, value);
}

function sortedCounts(m: Map<string, number>): [string, number][] {
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Series in an exposition text (sample lines, not comments). */
export function countSeries(exposition: string): number {
  let n = 0;
  for (const line of exposition.split('\n')) if (line !== '' && !line.startsWith('#')) n++;
  return n;
}
