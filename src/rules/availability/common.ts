/** Shared reading of replicas, HPAs and PDBs for the availability rules. */
import type { Snapshot } from '../../inventory/snapshot.js';
import { matchesSelector, type LabelSelector } from '../../inventory/selectors.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
export { peer } from '../references/common.js';

/** Controllers that keep a replica count; the ones a PDB and anti-affinity are about. */
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet'] as const;


function specOf(obj: K8sObject): Record<string, unknown> {
  return isRecord(obj['spec']) ? obj['spec'] : {};
}

/** The HorizontalPodAutoscaler whose scaleTargetRef names this object (few per namespace: a namespace lookup). */
export function hpaFor(snapshot: Snapshot, workload: K8sObject): K8sObject | undefined {
  const ns = workload.metadata.namespace ?? 'default';
  return snapshot.inNamespace(ns, 'HorizontalPodAutoscaler').find((h) => {
    const ref = specOf(h)['scaleTargetRef'];
    return isRecord(ref) && ref['kind'] === workload.kind && ref['name'] === workload.metadata.name;
  });
}

export function intField(obj: Record<string, unknown>, key: string): number | undefined {
  const v = obj[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** How many pods the workload runs at least: the HPA's minReplicas when one manages it, else spec.replicas (default 1). */
export interface ReplicaPlan {
  replicas: number;
  /** Dotted path (or object) the number comes from, for evidence. */
  from: string;
}

export function replicaPlan(snapshot: Snapshot, workload: K8sObject): ReplicaPlan {
  const hpa = hpaFor(snapshot, workload);
  if (hpa) return { replicas: intField(specOf(hpa), 'minReplicas') ?? 1, from: `HorizontalPodAutoscaler/${hpa.metadata.name} spec.minReplicas` };
  return { replicas: intField(specOf(workload), 'replicas') ?? 1, from: 'spec.replicas' };
}

/** PodDisruptionBudgets in the workload's namespace whose selector matches its pod labels. */
export function pdbsSelecting(snapshot: Snapshot, namespace: string, labels: Readonly<Record<string, string>>): K8sObject[] {
  return snapshot.inNamespace(namespace, 'PodDisruptionBudget').filter((p) => {
    const sel = specOf(p)['selector'];
    return isRecord(sel) && matchesSelector(sel as LabelSelector, labels);
  });
}
