/**
 * The raw Kubernetes object shape Palisade works with. Objects stay plain JSON
 * (no client-node ObjectSerializer pass): typed views come from `@kubernetes/client-node`
 * *types* applied to the same JSON.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  generateName?: string;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** How an object is named in results and reports. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Where an object came from when it was read from a file (for SARIF and error messages). */
/** The file name stdin's objects are located in when no `--stdin-filename` names it. */
export const STDIN_FILE = '<stdin>';

export interface SourceLocation {
  file: string;
  /** 1-based line of the document's first line. */
  line: number;
}

export function objectRef(obj: K8sObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

/** `Kind/namespace/name` or `Kind/name`: stable, readable, used as a map key and in messages. */
export function refString(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function objectKey(obj: K8sObject): string {
  return refString(objectRef(obj));
}

/** The API group of an apiVersion: "" for the core group ("v1"). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Type guard for anything that has the minimal object shape. */
export function isK8sObject(value: unknown): value is K8sObject {
  if (!isRecord(value)) return false;
  const meta = value['metadata'];
  return (
    typeof value['apiVersion'] === 'string' &&
    typeof value['kind'] === 'string' &&
    isRecord(meta) &&
    typeof meta['name'] === 'string'
  );
}

/** Kinds that live outside namespaces (for the built-in API). CRDs add theirs via discovery. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'APIService',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ClusterPolicyReport',
  // CRD kinds Palisade reads (admission/image-signature).
  'ClusterPolicy',
  'ImageValidatingPolicy',
  'ClusterImagePolicy',
  'RatifyVerification',
]);
