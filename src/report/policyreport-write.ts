/**
 * `--write-policy-reports` / `--write-openreports` (live scans only): create-or-replace each
 * report by name, so a run replaces the previous run's report in every namespace instead of
 * piling up objects in etcd. Reports are written one at a time as the generator yields them
 * (never all in memory). Needs create/get/update on the API's two resources
 * (manifests/overlays/policy-reports, manifests/overlays/openreports).
 */
import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { PolicyReportObject } from './policyreport.js';

/** Where a report API's namespaced and cluster-scoped reports live. */
export interface ReportApi {
  group: string;
  version: string;
  /** Plural of the namespaced kind (PolicyReport, Report) and of the cluster kind. */
  namespaced: string;
  cluster: string;
}

export const POLICY_REPORT_API: ReportApi = { group: 'wgpolicyk8s.io', version: 'v1alpha2', namespaced: 'policyreports', cluster: 'clusterpolicyreports' };

/** What the writer needs of a report: the object is sent as it is. */
export interface WritableReport {
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string };
}

export interface WriteOutcome {
  kind: string;
  namespace?: string;
  name: string;
  action: 'created' | 'replaced';
}

export class PolicyReportWriteError extends Error {
  constructor(
    readonly report: { kind: string; namespace?: string; name: string },
    override readonly cause: unknown,
  ) {
    const where = report.namespace ? `${report.namespace}/${report.name}` : report.name;
    const detail = cause instanceof ApiException ? `HTTP ${cause.code}: ${bodyMessage(cause.body)}` : String(cause);
    super(`writing ${report.kind} ${where} failed: ${detail}`);
    this.name = 'PolicyReportWriteError';
  }
}

function bodyMessage(body: unknown): string {
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      return body.slice(0, 500);
    }
  }
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return JSON.stringify(body)?.slice(0, 500) ?? 'no detail';
}

const isNotFound = (err: unknown): boolean => err instanceof ApiException && err.code === 404;

async function writeOne(api: CustomObjectsApi, target: ReportApi, report: WritableReport): Promise<WriteOutcome> {
  const name = report.metadata.name;
  const ns = report.metadata.namespace;
  const base = { group: target.group, version: target.version };
  const outcome = { kind: report.kind, name, ...(ns ? { namespace: ns } : {}) };
  try {
    let existing: { metadata?: { resourceVersion?: string } } | undefined;
    try {
      existing = (ns
        ? await api.getNamespacedCustomObject({ ...base, namespace: ns, plural: target.namespaced, name })
        : await api.getClusterCustomObject({ ...base, plural: target.cluster, name })) as { metadata?: { resourceVersion?: string } };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!existing) {
      if (ns) await api.createNamespacedCustomObject({ ...base, namespace: ns, plural: target.namespaced, body: report });
      else await api.createClusterCustomObject({ ...base, plural: target.cluster, body: report });
      return { ...outcome, action: 'created' };
    }
    // Replace with the live resourceVersion: optimistic concurrency, last writer wins per run.
    const body = { ...report, metadata: { ...report.metadata, resourceVersion: existing.metadata?.resourceVersion } };
    if (ns) await api.replaceNamespacedCustomObject({ ...base, namespace: ns, plural: target.namespaced, name, body });
    else await api.replaceClusterCustomObject({ ...base, plural: target.cluster, name, body });
    return { ...outcome, action: 'replaced' };
  } catch (err) {
    throw new PolicyReportWriteError(outcome, err);
  }
}

/** Writes every report of `target`'s API as the iterable yields it; stops at the first failure (the error names the report). */
export async function writeReports(kc: KubeConfig, target: ReportApi, reports: Iterable<WritableReport>): Promise<WriteOutcome[]> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const out: WriteOutcome[] = [];
  for (const r of reports) out.push(await writeOne(api, target, r));
  return out;
}

/** wgpolicyk8s.io/v1alpha2 PolicyReports and the ClusterPolicyReport. */
export function writePolicyReports(kc: KubeConfig, reports: Iterable<PolicyReportObject>): Promise<WriteOutcome[]> {
  return writeReports(kc, POLICY_REPORT_API, reports);
}
