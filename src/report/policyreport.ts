/**
 * PolicyReport / ClusterPolicyReport (wgpolicyk8s.io/v1alpha2): one PolicyReport named
 * `palisade` per namespace and one ClusterPolicyReport `palisade-cluster` for cluster-scoped
 * (and synthetic Cluster/Tenant) results. Size is bounded: at most `maxResults` results and
 * `maxBytes` of results JSON per report (non-passing first, by severity), while `summary` always
 * counts every result, and the number left out is in an annotation. The byte bound is what keeps a
 * report writable: the API server refuses request bodies over 3 MiB and etcd, by default, values
 * over 1.5 MiB, and a count alone does not bound the size (a cross-tenant-network result lists
 * every peer namespace: 52 KB each at 440 namespaces, 4.5 MB for 1,000 cluster results).
 * Palisade statuses map to the PolicyReport vocabulary: pass → pass, fail → fail, error and
 * unknown (could not be evaluated) → error, waived and not-applicable → skip; the exact Palisade
 * status is kept in `properties.status`.
 */
import { KUBELET_TLS_ANNOTATION } from '../inventory/kubelet.js';
import type { RuleResult, Status } from '../model/result.js';
import { resultNamespace, severityRank } from '../model/result.js';
import { describe, evidenceLines, refsText, ruleIndex, waiverText } from './common.js';
import type { ScanResult } from './model.js';
import { portableYaml } from './policyreport-yaml.js';

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';
export const REPORT_NAME = 'palisade';
export const CLUSTER_REPORT_NAME = 'palisade-cluster';
export const DEFAULT_MAX_RESULTS = 1000;
/** Results JSON per report, in bytes: below etcd's default 1.5 MiB request limit, with room for metadata and managedFields. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const TRUNCATED_ANNOTATION = 'palisade.dev/results-omitted';

type PrResult = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

const RESULT_OF: Record<Status, PrResult> = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  unknown: 'error',
  waived: 'skip',
  'not-applicable': 'skip',
};

export interface PolicyReportResult {
  source: string;
  policy: string;
  rule: string;
  category?: string;
  severity: RuleResult['severity'];
  result: PrResult;
  scored: boolean;
  message: string;
  timestamp: { seconds: number; nanos: number };
  resources: { apiVersion: string; kind: string; name: string; namespace?: string }[];
  properties: Record<string, string>;
}

export interface PolicyReportObject {
  apiVersion: typeof POLICY_REPORT_API_VERSION;
  kind: 'PolicyReport' | 'ClusterPolicyReport';
  metadata: { name: string; namespace?: string; labels: Record<string, string>; annotations: Record<string, string> };
  summary: Record<PrResult, number>;
  results: PolicyReportResult[];
}

export interface PolicyReportOptions {
  maxResults?: number;
  /** Bytes of results JSON (UTF-8, each result as `JSON.stringify` writes it, plus its comma). */
  maxBytes?: number;
}

/** Synthetic targets (Cluster, Tenant) and cluster-scoped objects other than Namespaces go to the ClusterPolicyReport. */
function namespaceOf(r: RuleResult): string | undefined {
  return resultNamespace(r) || undefined;
}

export function toPolicyReports(result: ScanResult, opts: PolicyReportOptions = {}): PolicyReportObject[] {
  return [...policyReports(result, opts)];
}

/**
 * The reports one at a time, namespaces in name order; each holds at most `maxResults` results and
 * `maxBytes` of results JSON. Results are taken in order (non-passing first, most severe first);
 * one too large for the bytes left is skipped, and smaller ones after it still go in.
 */
export function* policyReports(result: ScanResult, opts: PolicyReportOptions = {}): Generator<PolicyReportObject> {
  const max = Math.max(0, opts.maxResults ?? DEFAULT_MAX_RESULTS);
  const maxBytes = Math.max(0, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const rules = ruleIndex(result);
  const t = Date.parse(result.startedAt);
  const timestamp = { seconds: Math.floor((Number.isFinite(t) ? t : 0) / 1000), nanos: 0 };
  const store = result.results;
  // Report order once; per namespace, result indexes (never the results).
  const position = new Uint32Array(store.length);
  store.sortedIndexes().forEach((i, k) => (position[i] = k));
  const groups = new Map<string, number[]>();
  for (let i = 0; i < store.length; i++) {
    const key = store.namespaceOf(i) || '';
    const l = groups.get(key);
    if (l) l.push(i);
    else groups.set(key, [i]);
  }
  const toResult = (r: RuleResult): PolicyReportResult => {
    const d = describe(rules, r.rule, r.severity);
    const properties: Record<string, string> = { status: r.status, title: d.title };
    if (r.evidence.length) properties['evidence'] = evidenceLines(r.evidence);
    const refs = refsText(d.references);
    if (refs) properties['references'] = refs;
    if (r.tenant) properties['tenant'] = r.tenant;
    if (r.waiver) properties['waiver'] = waiverText(r.waiver);
    return {
      source: result.scanner.name,
      policy: r.rule,
      rule: r.rule.slice(r.rule.indexOf('/') + 1),
      ...(d.category ? { category: d.category } : {}),
      severity: r.severity,
      result: RESULT_OF[r.status],
      scored: r.status === 'pass' || r.status === 'fail',
      message: r.message,
      timestamp,
      resources: [
        { apiVersion: r.object.apiVersion, kind: r.object.kind, name: r.object.name, ...(r.object.namespace ? { namespace: r.object.namespace } : {}) },
      ],
      properties,
    };
  };
  for (const [ns, rs] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const summary: Record<PrResult, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const i of rs) summary[RESULT_OF[store.statusOf(i)]]++;
    // Non-passing results first, most severe first (then report order), so a capped report keeps what matters.
    const isPass = (i: number): number => Number(store.statusOf(i) === 'pass');
    const ordered = rs.sort((a, b) => isPass(a) - isPass(b) || severityRank(store.severityOf(b)) - severityRank(store.severityOf(a)) || position[a]! - position[b]!);
    const kept: PolicyReportResult[] = [];
    let bytes = 0;
    for (const i of ordered) {
      if (kept.length >= max) break;
      const pr = toResult(store.at(i));
      const size = Buffer.byteLength(JSON.stringify(pr)) + 1;
      if (bytes + size > maxBytes) continue;
      bytes += size;
      kept.push(pr);
    }
    const annotations: Record<string, string> = { 'palisade.dev/scan-started-at': result.startedAt, 'palisade.dev/scanner-version': result.scanner.version };
    if (ordered.length > kept.length) annotations[TRUNCATED_ANNOTATION] = String(ordered.length - kept.length);
    // How the kubelet configurations behind the kubelet results were read (absent offline).
    if (result.source.kubeletTls !== undefined) annotations[KUBELET_TLS_ANNOTATION] = result.source.kubeletTls;
    yield {
      apiVersion: POLICY_REPORT_API_VERSION,
      kind: ns === '' ? 'ClusterPolicyReport' : 'PolicyReport',
      metadata: {
        name: ns === '' ? CLUSTER_REPORT_NAME : REPORT_NAME,
        ...(ns === '' ? {} : { namespace: ns }),
        labels: { 'app.kubernetes.io/managed-by': 'palisade', 'app.kubernetes.io/name': 'palisade' },
        annotations,
      },
      summary,
      results: kept,
    };
  }
}

/** Multi-document YAML (`kubectl apply -f` ready, any YAML 1.1/1.2 parser), one report at a time. */
export function* streamPolicyReports(result: ScanResult, opts: PolicyReportOptions = {}): Generator<string> {
  let any = false;
  for (const r of policyReports(result, opts)) {
    any = true;
    yield `---\n${portableYaml(r)}`;
  }
  if (!any) yield '# no results: no PolicyReport\n';
}

/** The whole document as one string: tests and small results; writers use `streamPolicyReports`. */
export function renderPolicyReports(result: ScanResult, opts: PolicyReportOptions = {}): string {
  return [...streamPolicyReports(result, opts)].join('');
}
