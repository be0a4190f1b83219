/**
 * `--write-openreports` (live scans only): the OpenReports `Report`s and the `ClusterReport`,
 * created or replaced by name as the PolicyReports are (src/report/policyreport-write.ts).
 * RBAC: manifests/overlays/openreports.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { OpenReportObject } from './openreports.js';
import { writeReports, type ReportApi, type WriteOutcome } from './policyreport-write.js';

export const OPEN_REPORTS_API: ReportApi = { group: 'openreports.io', version: 'v1alpha1', namespaced: 'reports', cluster: 'clusterreports' };

export function writeOpenReports(kc: KubeConfig, reports: Iterable<OpenReportObject>): Promise<WriteOutcome[]> {
  return writeReports(kc, OPEN_REPORTS_API, reports);
}
