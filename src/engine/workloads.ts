import type { V1Container, V1EphemeralContainer, V1ObjectMeta, V1PodSpec } from '@kubernetes/client-node';
import { isRecord, type K8sObject } from '../model/k8s.js';
import type { Snapshot } from '../inventory/snapshot.js';

/** Kinds that carry a pod spec (a Pod, or a controller's pod template). */
export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
] as const;

const WORKLOAD_SET: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

export function isWorkload(obj: K8sObject): boolean {
  return WORKLOAD_SET.has(obj.kind);
}

/** A pod spec found in an object, with the dotted path to it and the pod-level metadata. */
export interface PodSpecView {
  spec: V1PodSpec;
  /** Path of the spec inside the object: `spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`. */
  path: string;
  /** Pod metadata (the template's for controllers): labels and annotations that pods get. */
  metadata: V1ObjectMeta;
}

export function podSpecOf(obj: K8sObject): PodSpecView | undefined {
  const spec = obj['spec'];
  if (!isRecord(spec)) return undefined;
  if (obj.kind === 'Pod') {
    return { spec: spec as unknown as V1PodSpec, path: 'spec', metadata: obj.metadata as V1ObjectMeta };
  }
  if (obj.kind === 'CronJob') {
    const jobSpec = isRecord(spec['jobTemplate']) ? spec['jobTemplate']['spec'] : undefined;
    const tpl = isRecord(jobSpec) ? jobSpec['template'] : undefined;
    if (!isRecord(tpl) || !isRecord(tpl['spec'])) return undefined;
    return {
      spec: tpl["spec"] as unknown as V1PodSpec,
      path: 'spec.jobTemplate.spec.template.spec',
      metadata: (tpl['metadata'] ?? {}) as V1ObjectMeta,
    };
  }
  if (WORKLOAD_SET.has(obj.kind)) {
    const tpl = spec['template'];
    if (!isRecord(tpl) || !isRecord(tpl['spec'])) return undefined;
    return { spec: tpl["spec"] as unknown as V1PodSpec, path: 'spec.template.spec', metadata: (tpl['metadata'] ?? {}) as V1ObjectMeta };
  }
  return undefined;
}

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerView {
  container: V1Container | V1EphemeralContainer;
  type: ContainerType;
  index: number;
  /** Dotted path of the container inside the object. */
  path: string;
  /** How messages name the container: its name, or `(unnamed containers[0])` when it has none. */
  name: string;
}

/** A container's name for messages; an invalid spec may leave it out. */
export function containerLabel(container: { name?: unknown }, type: ContainerType, index: number): string {
  return typeof container.name === 'string' && container.name !== '' ? container.name : `(unnamed ${type}[${index}])`;
}

/** Every container of a pod spec (regular, init and ephemeral), as PSA's visitor walks them. */
export function containersOf(view: PodSpecView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const type of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const list = view.spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      out.push({ container, type, index, path: `${view.path}.${type}[${index}]`, name: containerLabel(container, type, index) });
    });
  }
  return out;
}

/**
 * True when a workload's pod spec is already evaluated on a controller that is in the snapshot
 * (a Pod owned by a ReplicaSet owned by a Deployment): the finding belongs to the controller,
 * so the owned object is not reported a second time.
 */
export function isManagedByScannedController(obj: K8sObject, snapshot: Snapshot): boolean {
  if (!isWorkload(obj)) return false;
  const owner = snapshot.controllerOf(obj);
  return owner !== undefined && isWorkload(owner) && podSpecOf(owner) !== undefined;
}
