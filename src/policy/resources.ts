/** Kind ↔ REST resource, for admission matching (`resourceRules`) and the `request` variable. */
import { LIVE_KINDS } from '../inventory/live/kinds.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { apiGroup, type K8sObject } from '../model/k8s.js';

export interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  /** Namespaced, as far as known (cluster-scoped kinds of the core API, CRD scope). */
  namespaced: boolean;
}

const EXTRA: readonly { group: string; resource: string; kind: string }[] = [
  { group: '', resource: 'secrets', kind: 'Secret' },
  { group: '', resource: 'endpoints', kind: 'Endpoints' },
  { group: '', resource: 'events', kind: 'Event' },
  { group: 'discovery.k8s.io', resource: 'endpointslices', kind: 'EndpointSlice' },
  { group: 'autoscaling', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler' },
  { group: 'coordination.k8s.io', resource: 'leases', kind: 'Lease' },
];

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CSIDriver', 'RuntimeClass',
  'PriorityClass', 'IngressClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'CustomResourceDefinition', 'ClusterPolicyReport', 'APIService',
]);

const BY_KIND = new Map([...LIVE_KINDS, ...EXTRA].map((k) => [`${k.group}/${k.kind}`, k.resource]));

/** English plural as the API server's default RESTMapper guesses it. */
function guessPlural(kind: string): string {
  const lower = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** The resource of an object: built-in kinds, then the snapshot's CRDs, then the plural guess. */
export function resourceOf(obj: K8sObject, snapshot?: Snapshot): ResourceInfo {
  const group = apiGroup(obj.apiVersion);
  const version = obj.apiVersion.includes('/') ? obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1) : obj.apiVersion;
  const known = BY_KIND.get(`${group}/${obj.kind}`);
  if (known !== undefined) return { group, version, resource: known, kind: obj.kind, namespaced: !CLUSTER_SCOPED.has(obj.kind) };
  const crd = snapshot?.ofKind('CustomResourceDefinition').find((c) => {
    const spec = c['spec'] as { group?: string; names?: { kind?: string } } | undefined;
    return spec?.group === group && spec.names?.kind === obj.kind;
  });
  const spec = crd?.['spec'] as { names?: { plural?: string }; scope?: string } | undefined;
  return {
    group,
    version,
    resource: spec?.names?.plural ?? guessPlural(obj.kind),
    kind: obj.kind,
    namespaced: spec?.scope !== undefined ? spec.scope === 'Namespaced' : obj.metadata.namespace !== undefined,
  };
}

/**
 * The `request` variable (admission.k8s.io AdmissionRequest) as far as it means something offline:
 * the object is judged as if it were being created now. userInfo is absent (no requester offline),
 * so an expression that reads it is an evaluation error, not a guess.
 */
export function requestOf(obj: K8sObject, snapshot?: Snapshot): Record<string, unknown> {
  const r = resourceOf(obj, snapshot);
  const kind = { group: r.group, version: r.version, kind: r.kind };
  const resource = { group: r.group, version: r.version, resource: r.resource };
  return {
    kind,
    resource,
    requestKind: kind,
    requestResource: resource,
    subResource: '',
    name: obj.metadata.name ?? '',
    namespace: r.namespaced ? (obj.metadata.namespace ?? '') : '',
    operation: 'CREATE',
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  };
}

/**
 * Why an object's content is not in the snapshot: live scans list some kinds metadata-only
 * (ConfigMaps outside kube-system), so a CEL or schema check over their data would judge an
 * object Palisade never saw. Undefined when the object was read in full.
 */
export function metadataOnlyReason(obj: K8sObject, snapshot: Snapshot): string | undefined {
  if (snapshot.mode !== 'live') return undefined;
  const group = apiGroup(obj.apiVersion);
  const kind = LIVE_KINDS.find((k) => k.kind === obj.kind && k.group === group);
  if (!kind?.metadataOnly) return undefined;
  if (obj.metadata.namespace !== undefined && (kind.fullIn ?? []).includes(obj.metadata.namespace)) return undefined;
  return `${obj.kind} objects are read metadata-only in live scans (their data never reaches Palisade); scan them from files to evaluate this rule`;
}
