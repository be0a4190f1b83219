/**
 * The live inventory's projection: per kind, the fields Palisade's rules, analyses and reports
 * read, as a declarative table. A LIST page is parsed, each item projected through this table
 * (unread fields dropped, repeated strings interned) and the page released before the next one
 * is fetched, so a live scan holds what rules read, not what the API returns.
 *
 * A `Shape` says what to keep of a value: `true` keeps it whole, as JSON.parse made it (no copy);
 * `'intern'` keeps a string, interned; `'intern-values'` keeps a string map (labels, annotations)
 * with its values interned; an object keeps the named keys (each with its own shape) and, under
 * `'*'`, every other key with that shape. An array is kept element by element with the shape.
 * Kinds without an entry are kept whole (after trimObject).
 *
 * test/unit/live-projection.test.ts proves the table against the rules: every field any rule
 * reads on the demo cluster and the generated benchmark cluster is kept, and every rule gives
 * the same results on projected and unprojected objects (so does every rule test case, through
 * test/helpers/rule-tester.ts).
 */
import { isRecord, type K8sObject } from '../model/k8s.js';
import { trimObject } from './trim.js';

export type Shape = true | 'intern' | 'intern-values' | { readonly [key: string]: Shape };

/**
 * Object metadata: identity, labels, annotations, owners. Dropped: resourceVersion, generation,
 * finalizers, selfLink, managedFields (trimObject), deletion fields.
 */
const METADATA: Shape = {
  name: true,
  generateName: 'intern',
  namespace: 'intern',
  uid: true,
  creationTimestamp: true,
  labels: 'intern-values',
  annotations: 'intern-values',
  ownerReferences: { apiVersion: 'intern', kind: 'intern', name: 'intern', uid: true, controller: true },
};

/** Container fields rules read (PSS, workload hygiene, probes, images, secrets in env). */
const CONTAINER: Shape = {
  name: 'intern',
  image: 'intern',
  imagePullPolicy: 'intern',
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
  nodeName: 'intern',
  nodeSelector: 'intern-values',
  os: true,
  resources: true,
  runtimeClassName: true,
  securityContext: true,
  serviceAccount: 'intern',
  serviceAccountName: 'intern',
  subdomain: true,
  tolerations: true,
  volumes: true,
};

const TEMPLATE: Shape = { metadata: { labels: 'intern-values', annotations: 'intern-values' }, spec: POD_SPEC };

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

/**
 * Copies what `shape` keeps of `value`. Subtrees kept whole are shared, not copied: JSON.parse
 * already built them compactly, and copying them would cost CPU for nothing.
 */
export function project(value: unknown, shape: Shape, interner: Interner | undefined): unknown {
  if (shape === true) return value;
  if (shape === 'intern') return typeof value === 'string' && interner ? interner.intern(value) : value;
  if (Array.isArray(value)) return value.map((v) => project(v, shape, interner));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  if (shape === 'intern-values') {
    for (const k of Object.keys(value)) {
      const v = value[k];
      out[k] = typeof v === 'string' && interner ? interner.intern(v) : v; // keys from JSON.parse are V8-internalized already
    }
    return out;
  }
  const rest = shape['*'];
  for (const k of Object.keys(value)) {
    const sub = shape[k] ?? rest;
    if (sub !== undefined) out[k] = project(value[k], sub, interner);
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
    if (typeof shape === 'string' || shape === true) return true;
    if (part === '*') return shape['*'] === true;
    shape = shape[part] ?? shape['*'];
    if (shape === undefined) return false;
  }
  return true;
}
