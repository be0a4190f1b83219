/**
 * kubectl's rule for objects in files that name no namespace: a namespaced object goes to the
 * default namespace (`default`, or `--namespace`). Applied once when manifests are loaded, so every
 * lookup and index (the snapshot's, the RBAC model's, the tenancy model's) sees the same namespace.
 */
import { CLUSTER_SCOPED_KINDS, type K8sObject } from '../model/k8s.js';

export const DEFAULT_NAMESPACE = 'default';

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The API groups a kube-apiserver serves itself. Component configuration files (kubelet, kubeadm,
 * kube-proxy, encryption and audit configs) carry `*.k8s.io` apiVersions too but are no API objects.
 */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'policy', 'autoscaling', 'extensions',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'authentication.k8s.io',
  'authorization.k8s.io', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io',
  'flowcontrol.apiserver.k8s.io', 'internal.apiserver.k8s.io', 'networking.k8s.io', 'node.k8s.io',
  'rbac.authorization.k8s.io', 'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/** `group/Kind` → true for a namespaced custom kind, false for a cluster-scoped one, from the CRDs in the input. */
function customScopes(objects: readonly K8sObject[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const crd of objects) {
    if (crd.kind !== 'CustomResourceDefinition') continue;
    const spec = crd['spec'] as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    if (typeof spec?.group === 'string' && typeof spec.names?.kind === 'string') out.set(`${spec.group}/${spec.names.kind}`, spec.scope === 'Namespaced');
  }
  return out;
}

/**
 * Whether a kind lives in namespaces, or undefined when that cannot be told offline (a custom kind
 * whose CRD is not in the input: kubectl would ask discovery; Palisade leaves it as written).
 */
export function isNamespacedKind(obj: K8sObject, crds: ReadonlyMap<string, boolean>): boolean | undefined {
  const group = groupOf(obj.apiVersion);
  const custom = crds.get(`${group}/${obj.kind}`);
  if (custom !== undefined) return custom;
  if (!BUILT_IN_GROUPS.has(group)) return undefined;
  return !CLUSTER_SCOPED_KINDS.has(obj.kind);
}

/** Sets `metadata.namespace` on each namespaced object that has none (in place: the objects were just parsed). */
export function applyDefaultNamespace(objects: readonly K8sObject[], namespace: string = DEFAULT_NAMESPACE): void {
  const crds = customScopes(objects);
  for (const obj of objects) {
    if (obj.metadata.namespace) continue;
    if (isNamespacedKind(obj, crds) === true) obj.metadata.namespace = namespace;
  }
}
