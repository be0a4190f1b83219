/**
 * The metric contract: every family Palisade exposes, in one table. docs/metrics.md and the
 * golden exposition test (test/fixtures/metrics/*.prom) pin the same names, types, help and
 * labels; change them only on purpose.
 */
export type FamilyType = 'gauge' | 'counter' | 'histogram';

export interface FamilySpec {
  name: string;
  type: FamilyType;
  help: string;
  labels: readonly string[];
}

function family(name: string, type: FamilyType, help: string, labels: readonly string[] = []): FamilySpec {
  return { name, type, help, labels };
}

/** Families built from one ScanResult (exporter and Pushgateway alike). */
export const SCAN_FAMILIES = {
  buildInfo: family('palisade_build_info', 'gauge', 'Palisade build information; always 1.', ['version']),
  lastScanTimestamp: family(
    'palisade_last_scan_timestamp_seconds',
    'gauge',
    'Unix time the last completed scan finished.',
  ),
  lastScanSuccess: family(
    'palisade_last_scan_success',
    'gauge',
    '1 when the last scan attempt completed, 0 when it failed (the previous result is still served).',
  ),
  lastScanIncomplete: family(
    'palisade_last_scan_incomplete',
    'gauge',
    '1 when the last completed scan could not read or evaluate everything (see palisade_scan_errors).',
  ),
  lastScanDuration: family(
    'palisade_last_scan_duration_seconds',
    'gauge',
    'Duration of the last completed scan in seconds.',
  ),
  scannedObjects: family('palisade_scanned_objects', 'gauge', 'Objects in the last scan by kind.', ['kind']),
  scanErrors: family(
    'palisade_scan_errors',
    'gauge',
    'Problems met while reading the cluster or files in the last scan, by resource and reason.',
    ['resource', 'reason'],
  ),
  ruleResults: family(
    'palisade_rule_results',
    'gauge',
    'Rule results in the last scan by rule, family, severity and status.',
    ['rule', 'family', 'severity', 'status'],
  ),
  namespaceFailures: family(
    'palisade_namespace_failures',
    'gauge',
    'Failing results in the last scan by namespace, tenant, rule and severity (non-zero only).',
    ['namespace', 'tenant', 'rule', 'severity'],
  ),
  clusterScore: family('palisade_cluster_score', 'gauge', 'Cluster score, 0-100 (weighted pass / (pass + fail)).'),
  clusterCoverage: family(
    'palisade_cluster_coverage_ratio',
    'gauge',
    'Share of applicable results that were evaluated (pass, fail, waived), 0-1.',
  ),
  namespaceScore: family('palisade_namespace_score', 'gauge', 'Namespace score, 0-100.', ['namespace', 'tenant']),
  namespaceCoverage: family(
    'palisade_namespace_coverage_ratio',
    'gauge',
    'Share of applicable results evaluated in the namespace, 0-1.',
    ['namespace', 'tenant'],
  ),
  // Two numbers, two names: the results score (every rule, as for namespaces) and the isolation score (palisade_tenant_isolation_score).
  tenantScore: family('palisade_tenant_score', 'gauge', 'Tenant results score, 0-100 (every rule, as for namespaces; not the isolation score).', ['tenant']),
  tenantCoverage: family(
    'palisade_tenant_coverage_ratio',
    'gauge',
    'Share of applicable results evaluated in the tenant, 0-1.',
    ['tenant'],
  ),
  familyScore: family('palisade_family_score', 'gauge', 'Score of one rule family, 0-100.', ['family']),
  familyCoverage: family(
    'palisade_family_coverage_ratio',
    'gauge',
    'Share of applicable results evaluated in the rule family, 0-1.',
    ['family'],
  ),
  frameworkCompliance: family(
    'palisade_framework_compliance_ratio',
    'gauge',
    'Controls with every result passing / controls evaluated, per framework section, 0-1.',
    ['framework', 'section'],
  ),
  frameworkComplianceOverall: family(
    'palisade_framework_overall_compliance_ratio',
    'gauge',
    'Controls with every result passing / controls evaluated, whole framework (the figure the report prints), 0-1.',
    ['framework'],
  ),
  tenantIsolation: family(
    'palisade_tenant_isolation_score',
    'gauge',
    'Tenant isolation score per dimension, 0-100 (isolation rules only; not the results score).',
    ['tenant', 'dimension'],
  ),
  tenantCrossAccess: family(
    'palisade_tenant_cross_access',
    'gauge',
    'Paths by which one tenant can reach or act on another, by channel (network, rbac).',
    ['source_tenant', 'target_tenant', 'channel'],
  ),
  waivers: family('palisade_waivers', 'gauge', 'Waivers by rule and state (active, expired).', ['rule', 'state']),
  findingInfo: family(
    'palisade_finding_info',
    'gauge',
    'One series per failing object (opt-in, capped); always 1.',
    ['rule', 'severity', 'namespace', 'kind', 'name'],
  ),
  kubernetesVersionInfo: family(
    'palisade_kubernetes_version_info',
    'gauge',
    'Kubernetes versions the last scan saw: how many components run each version (component control-plane: 1; kubelet: nodes); bounded by distinct versions, never one series per node.',
    ['component', 'version'],
  ),
  findingInfoOmitted: family(
    'palisade_finding_info_omitted',
    'gauge',
    'Failing objects left out of palisade_finding_info by its cap.',
  ),
} as const satisfies Record<string, FamilySpec>;

/** Families that live as long as the exporter process (`palisade serve` only). */
export const PROCESS_FAMILIES = {
  scanDuration: family('palisade_scan_duration_seconds', 'histogram', 'Duration of scans run by the exporter.'),
  scans: family('palisade_scans_total', 'counter', 'Scans run by the exporter by outcome (success, failure).', [
    'outcome',
  ]),
  ticksSkipped: family(
    'palisade_scan_ticks_skipped_total',
    'counter',
    'Scheduled scans skipped because the previous scan was still running.',
  ),
} as const satisfies Record<string, FamilySpec>;

/** Buckets for scan durations: a small cluster takes a second, a big one minutes. */
export const SCAN_DURATION_BUCKETS: readonly number[] = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** The one label added to every family when a cluster name is configured. */
export const CLUSTER_LABEL = 'cluster';
