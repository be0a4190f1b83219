/**
 * OpenReports (`openreports.io/v1alpha1`, the successor of wgpolicyk8s.io that Kyverno 1.15+
 * and Policy Reporter read): one `Report` named `palisade` per namespace and one
 * `ClusterReport` `palisade-cluster`. The content is the PolicyReport's (same grouping, cap,
 * order, status mapping and properties, src/report/policyreport.ts), with the report-level
 * `source` and the `configuration.limits.maxResults` contract the OpenReports API adds.
 * CRDs: docs/schemas/openreports/ (vendored from the Go module github.com/openreports/reports-api).
 */
import type { ScanResult } from './model.js';
import { DEFAULT_MAX_RESULTS, policyReports, type PolicyReportObject, type PolicyReportOptions } from './policyreport.js';
import { portableYaml } from './policyreport-yaml.js';

export const OPEN_REPORTS_API_VERSION = 'openreports.io/v1alpha1';

export interface OpenReportObject {
  apiVersion: typeof OPEN_REPORTS_API_VERSION;
  kind: 'Report' | 'ClusterReport';
  metadata: PolicyReportObject['metadata'];
  /** The producer, for every result (results repeat it, as PolicyReport consumers expect). */
  source: string;
  configuration: { limits: { maxResults: number } };
  summary: PolicyReportObject['summary'];
  results: PolicyReportObject['results'];
}

/** The reports one at a time, namespaces in name order; each holds at most `maxResults` results and `maxBytes` of results JSON. */
export function* openReports(result: ScanResult, opts: PolicyReportOptions = {}): Generator<OpenReportObject> {
  const maxResults = Math.max(0, opts.maxResults ?? DEFAULT_MAX_RESULTS);
  for (const r of policyReports(result, { ...opts, maxResults })) {
    yield {
      apiVersion: OPEN_REPORTS_API_VERSION,
      kind: r.kind === 'PolicyReport' ? 'Report' : 'ClusterReport',
      metadata: r.metadata,
      source: result.scanner.name,
      configuration: { limits: { maxResults } },
      summary: r.summary,
      results: r.results,
    };
  }
}

export function toOpenReports(result: ScanResult, opts: PolicyReportOptions = {}): OpenReportObject[] {
  return [...openReports(result, opts)];
}

/** Multi-document YAML (`kubectl apply -f` ready, any YAML 1.1/1.2 parser), one report at a time. */
export function* streamOpenReports(result: ScanResult, opts: PolicyReportOptions = {}): Generator<string> {
  let any = false;
  for (const r of openReports(result, opts)) {
    any = true;
    yield `---\n${portableYaml(r)}`;
  }
  if (!any) yield '# no results: no OpenReports Report\n';
}

/** The whole document as one string: tests and small results; writers use `streamOpenReports`. */
export function renderOpenReports(result: ScanResult, opts: PolicyReportOptions = {}): string {
  return [...streamOpenReports(result, opts)].join('');
}
