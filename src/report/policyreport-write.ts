/**
 * `--write-policy-reports` (live scans only): create-or-replace each report by name, so a run
 * replaces the previous run's report in every namespace instead of piling up objects in etcd.
 * Needs create/get/update on policyreports and clusterpolicyreports
 * (manifests/overlays/policy-reports).
 */
import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { PolicyReportObject } from './policyreport.js';

const GROUP = 'wgpolicyk8s.io';
const VERSION = 'v1alpha2';

export interface WriteOutcome {
  kind: PolicyReportObject['kind'];
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

async function writeOne(api: CustomObjectsApi, report: PolicyReportObject): Promise<WriteOutcome> {
  const name = report.metadata.name;
  const ns = report.metadata.namespace;
  const base = { group: GROUP, version: VERSION };
  const outcome = { kind: report.kind, name, ...(ns ? { namespace: ns } : {}) };
  try {
    let existing: { metadata?: { resourceVersion?: string } } | undefined;
    try {
      existing = (ns
        ? await api.getNamespacedCustomObject({ ...base, namespace: ns, plural: 'policyreports', name })
        : await api.getClusterCustomObject({ ...base, plural: 'clusterpolicyreports', name })) as { metadata?: { resourceVersion?: string } };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!existing) {
      if (ns) await api.createNamespacedCustomObject({ ...base, namespace: ns, plural: 'policyreports', body: report });
      else await api.createClusterCustomObject({ ...base, plural: 'clusterpolicyreports', body: report });
      return { ...outcome, action: 'created' };
    }
    // Replace with the live resourceVersion: optimistic concurrency, last writer wins per run.
    const body = { ...report, metadata: { ...report.metadata, resourceVersion: existing.metadata?.resourceVersion } };
    if (ns) await api.replaceNamespacedCustomObject({ ...base, namespace: ns, plural: 'policyreports', name, body });
    else await api.replaceClusterCustomObject({ ...base, plural: 'clusterpolicyreports', name, body });
    return { ...outcome, action: 'replaced' };
  } catch (err) {
    throw new PolicyReportWriteError(outcome, err);
  }
}

/** Writes every report; stops at the first failure (the error names the report). */
export async function writePolicyReports(kc: KubeConfig, reports: readonly PolicyReportObject[]): Promise<WriteOutcome[]> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const out: WriteOutcome[] = [];
  for (const r of reports) out.push(await writeOne(api, r));
  return out;
}
