/**
 * The live inventory's projection: per kind, the fields Palisade's rules, analyses and reports
 * read, as a declarative table. A LIST page is parsed, each item projected through this table
 * (unread fields dropped, repeated strings interned) and the page released before the next one
 * is fetched, so a live scan holds what rules read, not what the API returns.
 *
 * A `Shape` says what to keep of a value: `true` keeps it whole; an object keeps the named keys
 * (each with its own shape) and, under `'*'`, every other key with that shape. An array is kept
 * element by element with the shape. Kinds without an entry are kept whole (after trimObject).
 *
 * test/unit/live-projection.test.ts proves the table against the rules: every field any rule
 * reads on the demo cluster and the generated benchmark cluster is kept, and every rule gives
 * the same results on projected and unprojected objects (so does every rule test case, through
 * test/helpers/rule-tester.ts).
 */
import { isRecord, type K8sObject } from '../model/k8s.js';
import { trimObject } from './trim.js';

export type Shape = true | { readonly [key: string]: Shape };

/**
 * Object metadata: identity, labels, annotations, owners. Dropped: resourceVersion, generation,
 * finalizers, selfLink, managedFields (trimObject), deletion fields.
 */
const METADATA: Shape = {
  name: true,
  generateName: true,
  namespace: true,
  uid: true,
  creationTimestamp: true,
  labels: true,
  annotations: true,
  ownerReferences: { apiVersion: true, kind: true, name: true, uid: true, controller: true },
};

/** Container fields rules read (PSS, workload hygiene, probes, images, secrets in env). */
const CONTAINER: Shape = {
  name: true,
  image: true,
  imagePullPolicy: true,
  command: true,
  args: true,
  env: true,
  envFrom: true,
  ports: true,
  resources: true,
  securityContext: true,
  livenessProbe: true,
  readinessProbe: true,
  startupProbe: true,
  lifecycle: true,
};

/**
 * Pod spec fields rules read. Dropped: dnsPolicy, restartPolicy, schedulerName, priority and
 * preemption fields, terminationGracePeriodSeconds, enableServiceLinks, imagePullSecrets,
 * topologySpreadConstraints, readinessGates, and per container terminationMessage*, volumeMounts,
 * workingDir, stdin/tty.
 */
const POD_SPEC: Shape = {
  affinity: true,
  automountServiceAccountToken: true,
  containers: CONTAINER,
  initContainers: CONTAINER,
  ephemeralContainers: CONTAINER,
  hostIPC: true,
  hostNetwork: true,
  hostPID: true,
  hostUsers: true,
  nodeName: true,
  nodeSelector: true,
  os: true,
  resources: true,
  runtimeClassName: true,
  securityContext: true,
  serviceAccount: true,
  serviceAccountName: true,
  subdomain: true,
  tolerations: true,
  volumes: true,
};

const TEMPLATE: Shape = { metadata: { labels: true, annotations: true }, spec: POD_SPEC };

/** A controller: its own spec fields are small and kept; its pod template is projected. */
const CONTROLLER: Shape = {
  apiVersion: true,
  kind: true,
  metadata: METADATA,
  spec: { '*': true, template: TEMPLATE },
};

/** Kinds projected on a live scan; every other kind is kept whole after trimObject. */
export const LIVE_PROJECTION: Readonly<Record<string, Shape>> = {
  Pod: {
    apiVersion: true,
    kind: true,
    metadata: METADATA,
    spec: POD_SPEC,
    status: { phase: true, podIP: true, podIPs: true, hostIP: true },
  },
  Deployment: CONTROLLER,
  ReplicaSet: CONTROLLER,
  StatefulSet: CONTROLLER,
  DaemonSet: CONTROLLER,
  ReplicationController: CONTROLLER,
  Job: CONTROLLER,
  CronJob: {
    apiVersion: true,
    kind: true,
    metadata: METADATA,
    spec: { '*': true, jobTemplate: { metadata: true, spec: { '*': true, template: TEMPLATE } } },
  },
  // Small kinds, many of them: only the metadata is projected.
  Namespace: { '*': true, metadata: METADATA },
  Service: { '*': true, metadata: METADATA },
  ServiceAccount: { '*': true, metadata: METADATA },
  ConfigMap: { '*': true, metadata: METADATA },
  NetworkPolicy: { '*': true, metadata: METADATA },
  Role: { '*': true, metadata: METADATA },
  RoleBinding: { '*': true, metadata: METADATA },
  ClusterRole: { '*': true, metadata: METADATA },
  ClusterRoleBinding: { '*': true, metadata: METADATA },
  PersistentVolumeClaim: { '*': true, metadata: METADATA },
  PodDisruptionBudget: { '*': true, metadata: METADATA },
  ResourceQuota: { '*': true, metadata: METADATA },
  LimitRange: { '*': true, metadata: METADATA },
  Ingress: { '*': true, metadata: METADATA },
};

/** Strings longer than this are not interned (they are rarely repeated: certificates, scripts). */
const MAX_INTERNED = 128;

/**
 * Repeated strings (label keys and values, images, namespaces, apiVersions, owner names) stored
 * once per scan. JSON.parse makes a new string for every value of every item; interning keeps one.
 */
export class Interner {
  private readonly strings = new Map<string, string>();

  intern(s: string): string {
    if (s.length > MAX_INTERNED) return s;
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }

  /** Distinct strings held. */
  get size(): number {
    return this.strings.size;
  }
}

/** Keys whose values are unique per object: interning them would only fill the table. */
const UNIQUE_VALUED: ReadonlySet<string> = new Set(['uid', 'creationTimestamp', 'podIP', 'ip', 'resourceVersion']);

/** Copies what `shape` keeps of `value`; strings are interned unless the key marks them unique. */
export function project(value: unknown, shape: Shape, interner: Interner | undefined, key = ''): unknown {
  if (typeof value === 'string') return interner && !UNIQUE_VALUED.has(key) ? interner.intern(value) : value;
  if (Array.isArray(value)) return value.map((v) => project(v, shape, interner, key));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  const rest = shape === true ? true : shape['*'];
  for (const k of Object.keys(value)) {
    const sub = shape === true ? true : (shape[k] ?? rest);
    if (sub === undefined) continue;
    out[k] = project(value[k], sub, interner, k); // keys from JSON.parse are already V8-internalized
  }
  return out;
}

/**
 * A live object as Palisade keeps it: trimObject (managedFields, last-applied annotation, status
 * noise, Secret data), then the kind's projection, with strings interned.
 */
export function projectObject(obj: K8sObject, interner?: Interner): K8sObject {
  const trimmed = trimObject(obj);
  const shape = LIVE_PROJECTION[obj.kind] ?? true;
  return project(trimmed, shape, interner) as K8sObject;
}

/** Whether the projection of `kind` keeps `path` (dotted, arrays as `[]`, e.g. `spec.containers[].image`). */
export function keepsPath(kind: string, path: string): boolean {
  let shape: Shape | undefined = LIVE_PROJECTION[kind] ?? true;
  for (const part of path.replace(/\[\]/g, '').split('.')) {
    if (shape === true) return true;
    if (part === '*') return shape['*'] === true;
    shape = shape[part] ?? shape['*'];
    if (shape === undefined) return false;
  }
  return true;
}
