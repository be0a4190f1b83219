/**
 * Where a result "is", for formats that need a file (SARIF code scanning, JUnit `file`).
 *
 * 1. The target object's own manifest location (offline scans).
 * 2. Results on synthetic or scope targets (Cluster, Tenant, Namespace rules): the first object the
 *    evidence names (`RoleBinding/acme/ci`, `ClusterRoleBinding/x` in a path or an actual value)
 *    whose manifest location is known: the binding, the policy that causes the finding.
 * 3. Else the manifest of the result's Namespace, or of the tenant's first Namespace.
 * 4. Else (live scans, stdin without `--stdin-filename`, or an object with no manifest) no file: `k8sUri` names the object as
 *    `k8s://<cluster>/<kind>/<namespace>/<name>` (namespace omitted for cluster-scoped objects,
 *    `<cluster>` is `cluster` when the scan has no cluster name). Documented in docs/reports.md.
 */
import { refString, STDIN_FILE, type ObjectRef } from '../model/k8s.js';
import type { Evidence, RuleResult } from '../model/result.js';
import type { ScanResult } from './model.js';

export interface FileLocation {
  file: string;
  line: number;
}

export type Locate = (r: { object: ObjectRef; location?: FileLocation | undefined; evidence?: readonly Evidence[]; tenant?: string | undefined }) => FileLocation | undefined;

/** `Kind/name` or `Kind/namespace/name` as written in evidence paths and values. */
const REF_TOKEN = /\b([A-Z][A-Za-z0-9]*)\/([a-z0-9][a-z0-9.:@_-]*)(?:\/([a-z0-9][a-z0-9.:@_-]*))?/g;

/** Object refs named in evidence, in order (3-part first: `Kind/ns/name` before `Kind/ns`). */
export function refsInEvidence(evidence: readonly Evidence[]): string[] {
  const out: string[] = [];
  for (const e of evidence) {
    const text = `${e.path} ${e.actual === undefined ? '' : JSON.stringify(e.actual)}`;
    for (const m of text.matchAll(REF_TOKEN)) {
      if (m[3] !== undefined) out.push(`${m[1]}/${m[2]}/${m[3]}`);
      out.push(`${m[1]}/${m[2]}`);
    }
  }
  return out;
}

/** A locator over the scan's objects (one map of the located objects, built once per report). */
export function resultLocator(result: ScanResult): Locate {
  const store = result.results;
  const located = new Map<string, FileLocation>();
  for (let o = 0; o < store.objectCount; o++) {
    const obj = store.storedObject(o);
    if (obj.location && obj.location.file !== STDIN_FILE) located.set(refString(obj.ref), obj.location);
  }
  const tenantNamespaces = new Map((result.tenants ?? []).map((t) => [t.name, [...t.namespaces].sort()]));
  return (r) => {
    // stdin without --stdin-filename has no file a code-scanning alert could point at.
    if (r.location && r.location.file !== STDIN_FILE) return r.location;
    if (located.size === 0) return undefined;
    for (const ref of refsInEvidence(r.evidence ?? [])) {
      const hit = located.get(ref);
      if (hit) return hit;
    }
    const namespace = r.object.kind === 'Namespace' ? r.object.name : r.object.namespace;
    const namespaces = namespace !== undefined ? [namespace] : (tenantNamespaces.get(r.tenant ?? (r.object.kind === 'Tenant' ? r.object.name : '')) ?? []);
    for (const ns of namespaces) {
      const hit = located.get(`Namespace/${ns}`);
      if (hit) return hit;
    }
    return undefined;
  };
}

/** `k8s://<cluster>/<kind>/<namespace>/<name>`: the stable URI of an object without a manifest. */
export function k8sUri(cluster: string | undefined, ref: ObjectRef): string {
  const parts = [cluster || 'cluster', ref.kind, ...(ref.namespace ? [ref.namespace] : []), ref.name];
  return `k8s://${parts.map(encodeURIComponent).join('/')}`;
}

/** The located results' file attribute (JUnit), or the object URI. */
export function locationText(locate: Locate, r: RuleResult, cluster: string | undefined): string {
  const at = locate(r);
  return at ? at.file : k8sUri(cluster, r.object);
}
