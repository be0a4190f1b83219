/**
 * "Which pods does this selector select?" for Services, NetworkPolicies and PodDisruptionBudgets:
 * live Pods and, because manifests and controllers stand for pods that do not exist yet, every pod
 * template (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob).
 * Indexed per namespace and label pair, built once per snapshot: a lookup starts from the rarest
 * matchLabels pair, never from every object.
 */
import type { Snapshot } from '../inventory/snapshot.js';
import { matchesSelector, type LabelSelector } from '../inventory/selectors.js';
import type { K8sObject } from '../model/k8s.js';
import { WORKLOAD_KINDS, podSpecOf } from '../engine/workloads.js';

/** A Pod or a pod template, with the labels its pods carry. */
export interface PodSource {
  object: K8sObject;
  labels: Readonly<Record<string, string>>;
}

interface PodIndex {
  byNamespace: Map<string, PodSource[]>;
  /** `namespace \0 key=value` → sources. */
  byPair: Map<string, PodSource[]>;
}

const cache = new WeakMap<Snapshot, PodIndex>();

function pairKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}=${value}`;
}

function push(map: Map<string, PodSource[]>, key: string, value: PodSource): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildIndex(snapshot: Snapshot): PodIndex {
  const index: PodIndex = { byNamespace: new Map(), byPair: new Map() };
  for (const kind of WORKLOAD_KINDS) {
    for (const object of snapshot.ofKind(kind)) {
      const view = podSpecOf(object);
      if (!view) continue;
      const namespace = object.metadata.namespace ?? 'default';
      const source: PodSource = { object, labels: view.metadata.labels ?? {} };
      push(index.byNamespace, namespace, source);
      for (const [k, v] of Object.entries(source.labels)) push(index.byPair, pairKey(namespace, k, v), source);
    }
  }
  return index;
}

function indexFor(snapshot: Snapshot): PodIndex {
  let index = cache.get(snapshot);
  if (!index) cache.set(snapshot, (index = buildIndex(snapshot)));
  return index;
}

/** Pods and pod templates in `namespace` whose labels `selector` matches (none for a missing selector). */
export function podSourcesSelected(snapshot: Snapshot, namespace: string, selector: LabelSelector | undefined | null): PodSource[] {
  if (!selector) return [];
  const index = indexFor(snapshot);
  let pool: readonly PodSource[] | undefined;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    const hits = index.byPair.get(pairKey(namespace, k, v)) ?? [];
    if (!pool || hits.length < pool.length) pool = hits;
  }
  return (pool ?? index.byNamespace.get(namespace) ?? []).filter((s) => matchesSelector(selector, s.labels));
}

/** Pods and pod templates in a namespace. */
export function podSourcesIn(snapshot: Snapshot, namespace: string): readonly PodSource[] {
  return indexFor(snapshot).byNamespace.get(namespace) ?? [];
}
