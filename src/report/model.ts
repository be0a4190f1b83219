import type { KubernetesVersionSummary } from '../analysis/kubernetes-versions.js';
import type { RuleReference, Severity } from '../model/result.js';
import type { ResultStore } from '../findings/store.js';
import type { InventoryError, KindGap } from '../inventory/snapshot.js';
import type { Coverage, StatusCounts } from '../scoring/score.js';
import type { FrameworkReport } from '../frameworks/types.js';
import type { BaselineComparison } from './baseline.js';
import type { CrossTenantEdge, TenantReport } from '../scoring/tenants.js';

/** Bump the major on breaking changes; docs/scan-result.schema.json is the published contract. */
export const SCHEMA_VERSION = '2.1';

export interface RuleDescriptor {
  id: string;
  title: string;
  severity: Severity;
  family: string;
  category: string;
  references: RuleReference[];
  description: string;
  remediation: string;
}

export interface ScopeSummary {
  name: string;
  score: number | null;
  coverage: Coverage;
  counts: StatusCounts;
}

export interface NamespaceSummary extends ScopeSummary {
  tenant?: string;
}

export interface ObjectCounts {
  total: number;
  byKind: Record<string, number>;
  /** Objects of kinds no registered rule targets or reads (CRDs and the like): counted, not evaluated. */
  unrecognized: { total: number; byKind: Record<string, number> };
  /** Documents skipped because they are not Kubernetes objects (no apiVersion/kind/metadata.name); each is in `errors`. */
  invalid: number;
}

export interface ScanSelection {
  /** `--namespace` / `namespaces.include`: only these were evaluated. */
  namespaces?: string[];
  /** `--exclude-namespace` / `namespaces.exclude` patterns. */
  excludeNamespaces?: string[];
  /** Namespaces of the inventory that were not evaluated (their objects were context only). */
  excludedNamespaces: string[];
  /** `--rule`: only rules matching these IDs or globs ran. */
  rules?: string[];
  /** Config `skip.labels`, when something carried them: those objects and Namespaces were context only. */
  skipLabels?: Record<string, string>;
  /** Namespaces whose Namespace object carries the skip labels (also in excludedNamespaces). */
  skippedNamespaces?: string[];
  /** Objects skipped by their own skip labels (outside skipped namespaces), by kind, namespace, name. */
  skippedObjects?: { kind: string; namespace?: string; name: string }[];
  /**
   * Live `--namespace` scans: kinds listed only in these namespaces (`selection`: by design, only
   * rules reading their target's own namespace read them; `forbidden`: the cluster-wide LIST was
   * refused). Rules that may read such a kind across namespaces are `unknown`.
   */
  namespaceLimits?: { kind: string; namespaces: string[]; reason: 'selection' | 'forbidden' }[];
}

/** A configured waiver as the scan applied it. */
export interface EffectiveWaiver {
  rule: string;
  namespace?: string;
  name?: string;
  kind?: string;
  reason: string;
  approver?: string;
  ticket?: string;
  expires?: string;
  /** Expired at scan time: it waived nothing (the `palisade/waiver-expired` rule reports it). */
  expired: boolean;
  /** Results this waiver turned from fail into waived. */
  applied: number;
}

/**
 * The configuration a scan was made with, as far as it decides the results (schema 2.1): which
 * rules ran and how they were tuned, the waivers, and how namespaces became tenants. Together
 * with `scanner.version` and the input, it is what an auditor needs to reproduce the result.
 */
export interface EffectiveConfig {
  kubernetesVersion: string;
  rules: {
    /** IDs of the rules that ran, sorted (the same set as `rules`). */
    enabled: string[];
    /** `rules.disabled` of the config (IDs or globs). */
    disabled: string[];
    /** `rules.only` / `--rule` (IDs or globs); empty: every rule not disabled. */
    only: string[];
    /** `rules.severity`: severities changed from the rule's default. */
    severity: Record<string, string>;
    /** `rules.options`: per-rule parameters. */
    options: Record<string, Record<string, unknown>>;
    excludeSystemRbac: boolean;
    /** IDs of the `customRules` of the config. */
    custom: string[];
  };
  waivers: EffectiveWaiver[];
  /** `palisade.dev/waive` annotations honoured. */
  annotationWaivers: boolean;
  /** Results waived by annotations. */
  annotationWaived: number;
  tenancy: {
    labelKey: string;
    capsule: boolean;
    systemNamespaces: string[];
    selfNamespace: string;
    /** Tenants defined in the config (by namespaces and/or selector). */
    defined: string[];
    /** Every tenant of the scan with its namespaces (config, label or Capsule), sorted. */
    tenants: { name: string; namespaces: string[] }[];
  };
}

export interface ScanResult {
  schemaVersion: string;
  scanner: { name: string; version: string };
  source: {
    mode: 'offline' | 'live' | 'snapshot';
    /** Paths, snapshot file or API server URL. */
    location: string;
    cluster?: { name?: string; version?: string };
    /**
     * How the kubelet configurations (KubeletConfiguration objects) were read, when any were read
     * live: `cluster-ca` / `kubelet-ca` (serving certificates verified against the cluster CA / the
     * configured kubelet CA), `not-verified` (--kubelet-insecure-tls: certificates NOT verified),
     * `api-server-proxy` (--allow-nodes-proxy). Absent when none was read live. Set by the engine
     * (src/engine/scan.ts) from the `palisade.dev/kubelet-tls` annotation of live (or replayed live)
     * KubeletConfiguration objects; shown by the table, HTML, Markdown and OSCAL reports.
     */
    kubeletTls?: 'cluster-ca' | 'kubelet-ca' | 'not-verified' | 'api-server-proxy';
    /** What `--namespace` / `--exclude-namespace` / `--rule` (or config `namespaces`) left out; the score and coverage cover the rest only. */
    selection?: ScanSelection;
  };
  startedAt: string;
  durationSeconds: number;
  /** True when something could not be read or evaluated (parse errors, forbidden kinds, rule errors). */
  incomplete: boolean;
  summary: {
    score: number | null;
    coverage: Coverage;
    counts: StatusCounts;
    bySeverity: Record<Severity, StatusCounts>;
    byNamespace: NamespaceSummary[];
    byFamily: ScopeSummary[];
    byTenant: ScopeSummary[];
    objects: ObjectCounts;
    /** Kubernetes versions the input shows (src/analysis/kubernetes-versions.ts); absent when it shows none. */
    kubernetesVersions?: KubernetesVersionSummary;
  };
  rules: RuleDescriptor[];
  /** The effective configuration the scan was made with (2.1; absent in older results and hand-made ones). */
  config?: EffectiveConfig;
  /** Every result, in the compact store (src/findings/store.ts); the JSON form is described in docs/reports.md. */
  results: ResultStore;
  errors: InventoryError[];
  gaps: KindGap[];
  /** Input that is not Kubernetes (Helm Chart.yaml/values.yaml, CI workflows, Compose, kustomization.yaml): listed, not an error, not "incomplete". Absent when none. */
  skipped?: InventoryError[];
  /** Set when the scan was compared with a previous result (`--baseline previous.json`). */
  baseline?: BaselineComparison;
  /** Per-tenant isolation scores by dimension, reachability and outside access (src/scoring/tenants.ts). Absent when tenancy rules did not run. */
  tenants?: TenantReport[];
  /** Tenant × tenant edges (network reachability, RBAC access) for the matrix; source can reach/act in target. */
  crossTenantAccess?: CrossTenantEdge[];
  /** Per-control status of control frameworks (CIS 1.12), folded from the results of the rules that reference them (src/frameworks/). */
  frameworks?: FrameworkReport[];
}
