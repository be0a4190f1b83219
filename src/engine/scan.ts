import type { PalisadeConfig } from '../config/types.js';
import { KUBELET_CONFIG_KIND, kubeletTlsOf } from '../inventory/kubelet.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { Severity } from '../model/result.js';
import type { ResultStore } from '../findings/store.js';
import { SEVERITIES } from '../model/result.js';
import { SCHEMA_VERSION, type ObjectCounts, type RuleDescriptor, type ScanResult } from '../report/model.js';
import { storeKeys, summarizeStore, summarizeStoreBy, type StatusCounts } from '../scoring/score.js';
import { SCANNER_NAME, VERSION } from '../version.js';
import { ruleFamily, type Rule } from './rule.js';
import { runRules, type RunOutput } from './runner.js';
import { buildTenantReports } from '../scoring/tenants.js';
import { kubernetesVersions, summarizeVersions } from '../analysis/kubernetes-versions.js';
import { effectiveConfig } from './effective-config.js';
import { withNamespaceLimits } from './namespace-limits.js';

export interface ScanOptions {
  config: PalisadeConfig;
  rules: readonly Rule[];
  now?: Date;
  /** When the scan began, inventory included; durationSeconds counts from here (default: rule evaluation only). */
  startedAt?: Date;
}

export interface ScanOutput {
  result: ScanResult;
  run: RunOutput;
}

/** One path for every mode: a snapshot in, a versioned ScanResult out. */
export function scanSnapshot(snapshot: Snapshot, opts: ScanOptions): ScanOutput {
  const started = opts.startedAt ?? opts.now ?? new Date();
  const t0 = performance.now() - (opts.startedAt ? Date.now() - opts.startedAt.getTime() : 0);
  // Rules that may read objects of namespaces a live --namespace scan did not list report unknown.
  const rules = withNamespaceLimits(opts.rules, snapshot);
  const run = runRules(snapshot, rules, opts.now ? { config: opts.config, now: opts.now } : { config: opts.config });
  const results = run.results;
  const overall = summarizeStore(results);
  const tenantOf = new Map(snapshot.namespaceNames().map((ns) => [ns, run.tenants.tenantOf(ns)]));
  const byKind: Record<string, number> = {};
  for (const o of snapshot.objects) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;

  const result: ScanResult = {
    schemaVersion: SCHEMA_VERSION,
    scanner: { name: SCANNER_NAME, version: VERSION },
    source: { mode: snapshot.mode, location: snapshot.source, ...clusterField(snapshot, opts.config), ...kubeletTlsField(snapshot) },
    startedAt: started.toISOString(),
    durationSeconds: 0,
    // A kind whose cluster-wide LIST was refused (listed per namespace instead) is a permission gap too.
    incomplete: snapshot.errors.length > 0 || snapshot.gaps.length > 0 || overall.counts.error > 0 || snapshot.namespaceLimits.some((l) => l.reason === 'forbidden'),
    summary: {
      ...storeSummaries(results),
      byNamespace: summarizeStoreBy(results, storeKeys.namespace(results)).map((s) => {
        const tenant = tenantOf.get(s.name);
        return tenant ? { ...s, tenant } : s;
      }),
      objects: objectCounts(snapshot, byKind, opts.rules),
      ...versionsField(snapshot),
    },
    rules: run.rules.map(({ rule, severity }) => describeRule(rule, severity)),
    config: effectiveConfig(opts.config, run.rules.map(({ rule }) => rule.meta.id), results, run.tenants, opts.now ?? started),
    results,
    errors: [...snapshot.errors],
    gaps: [...snapshot.gaps],
    ...(snapshot.skipped.length > 0 ? { skipped: [...snapshot.skipped] } : {}),
  };
  if (results.hasRuleWhere((id) => id.startsWith('tenancy/'))) Object.assign(result, buildTenantReports(snapshot, opts.config, results));
  // Report order from here on: every reader sees one order, and a re-read JSON renders the same bytes.
  results.canonicalize();
  result.durationSeconds = Math.round(performance.now() - t0) / 1000;
  return { result, run };
}

/** `summary.kubernetesVersions`, when the input shows any version (or --target-version was given). */
function versionsField(snapshot: Snapshot): Pick<ScanResult['summary'], 'kubernetesVersions'> {
  const v = summarizeVersions(kubernetesVersions(snapshot));
  return v.controlPlane || v.kubelets.length > 0 || v.target !== undefined ? { kubernetesVersions: v } : {};
}

/** Kinds read outside rules (tenancy reads Namespaces); every other kind is recognized only if a rule targets or requires it. */
const STRUCTURAL_KINDS = ['Namespace'];

function objectCounts(snapshot: Snapshot, byKind: Record<string, number>, rules: readonly Rule[]): ObjectCounts {
  const known = new Set<string>(STRUCTURAL_KINDS);
  for (const r of rules) for (const k of [...r.meta.targets, ...(r.meta.requires ?? [])]) known.add(k);
  const unrecognized: Record<string, number> = {};
  for (const [kind, n] of Object.entries(byKind)) if (!known.has(kind)) unrecognized[kind] = n;
  return {
    total: snapshot.objects.length,
    byKind,
    unrecognized: { total: Object.values(unrecognized).reduce((a, b) => a + b, 0), byKind: unrecognized },
    invalid: snapshot.errors.filter((e) => e.reason === 'invalid-object').length,
  };
}

function clusterField(snapshot: Snapshot, config: PalisadeConfig): { cluster?: { name?: string; version?: string } } {
  const name = config.clusterName ?? snapshot.cluster.name;
  const version = snapshot.cluster.version;
  if (name === undefined && version === undefined) return {};
  return { cluster: { ...(name !== undefined ? { name } : {}), ...(version !== undefined ? { version } : {}) } };
}

/**
 * `source.kubeletTls`: how the kubelet configurations were read, from the annotation the live
 * inventory puts on each KubeletConfiguration (so a replay of a saved live snapshot reports the
 * original scan's reads). Only for live input: a manifest that carries the annotation was not
 * read from a kubelet by anyone, and offline results say nothing about kubelet TLS.
 */
export function kubeletTlsField(snapshot: Snapshot): Pick<ScanResult['source'], 'kubeletTls'> {
  if (snapshot.mode === 'offline') return {};
  const tls = kubeletTlsOf(snapshot.ofKind(KUBELET_CONFIG_KIND));
  return tls ? { kubeletTls: tls } : {};
}

export function describeRule(rule: Rule, severity: Severity = rule.meta.severity): RuleDescriptor {
  const m = rule.meta;
  return {
    id: m.id,
    title: m.title,
    severity,
    family: ruleFamily(m.id),
    category: m.category,
    references: m.references,
    description: m.description,
    remediation: m.remediation,
  };
}

/** The summary fields that depend on the results alone (scan and probe merge share them). */
export function storeSummaries(store: ResultStore): Pick<ScanResult['summary'], 'score' | 'coverage' | 'counts' | 'bySeverity' | 'byFamily' | 'byTenant'> {
  const overall = summarizeStore(store);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, summarizeStore(store, (i) => store.severityOf(i) === s).counts])) as Record<Severity, StatusCounts>;
  return {
    ...overall,
    bySeverity,
    byFamily: summarizeStoreBy(store, storeKeys.family(store)),
    byTenant: summarizeStoreBy(store, storeKeys.tenant(store)),
  };
}
