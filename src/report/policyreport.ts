/**
 * PolicyReport / ClusterPolicyReport (wgpolicyk8s.io/v1alpha2): one PolicyReport named
 * `palisade` per namespace and one ClusterPolicyReport `palisade-cluster` for cluster-scoped
 * (and synthetic Cluster/Tenant) results. Size is bounded: at most `maxResults` results per
 * report (non-passing first, by severity), while `summary` always counts every result, and the
 * number left out is in an annotation. Palisade statuses map to the PolicyReport vocabulary:
 * pass → pass, fail → fail, error and unknown (could not be evaluated) → error, waived and
 * not-applicable → skip; the exact Palisade status is kept in `properties.status`.
 */
import { stringify } from 'yaml';
import { KUBELET_TLS_ANNOTATION } from '../inventory/kubelet.js';
import type { RuleResult, Status } from '../model/result.js';
import { resultNamespace, severityRank } from '../model/result.js';
import { describe, evidenceLines, refsText, ruleIndex, waiverText } from './common.js';
import type { ScanResult } from './model.js';

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';
export const REPORT_NAME = 'palisade';
export const CLUSTER_REPORT_NAME = 'palisade-cluster';
export const DEFAULT_MAX_RESULTS = 1000;
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
}

/** Synthetic targets (Cluster, Tenant) and cluster-scoped objects other than Namespaces go to the ClusterPolicyReport. */
function namespaceOf(r: RuleResult): string | undefined {
  return resultNamespace(r) || undefined;
}

export function toPolicyReports(result: ScanResult, opts: PolicyReportOptions = {}): PolicyReportObject[] {
  return [...policyReports(result, opts)];
}

/** The reports one at a time, namespaces in name order; each holds at most `maxResults` results. */
export function* policyReports(result: ScanResult, opts: PolicyReportOptions = {}): Generator<PolicyReportObject> {
  const max = Math.max(0, opts.maxResults ?? DEFAULT_MAX_RESULTS);
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
    const kept = ordered.slice(0, max);
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
      results: kept.map((i) => toResult(store.at(i))),
    };
  }
}

/** Multi-document YAML (`kubectl apply -f` ready), one report at a time. */
export function* streamPolicyReports(result: ScanResult, opts: PolicyReportOptions = {}): Generator<string> {
  let any = false;
  for (const r of policyReports(result, opts)) {
    any = true;
    // Results share one timestamp object: without this, yaml writes it once as an anchor and then
    // one alias per result, and parsers with an alias limit (yaml's 100; go-yaml's ratio guard
    // behind kubectl) refuse a large report.
    yield `---\n${stringify(r, { lineWidth: 0, aliasDuplicateObjects: false })}`;
  }
  if (!any) yield '# no results: no PolicyReport\n';
}

/** The whole document as one string: tests and small results; writers use `streamPolicyReports`. */
export function renderPolicyReports(result: ScanResult, opts: PolicyReportOptions = {}): string {
  return [...streamPolicyReports(result, opts)].join('');
}
