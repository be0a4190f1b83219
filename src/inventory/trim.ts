import { isRecord, type K8sObject } from '../model/k8s.js';
import { recordAppliedApiVersion } from './applied-version.js';

/** Annotations that repeat the whole object (or are pure noise) and are never read by rules. */
const NOISY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** Status fields some rules read; everything else under status is dropped at load time. */
const KEPT_STATUS: Record<string, readonly string[]> = {
  Pod: ['phase', 'podIP', 'podIPs', 'hostIP'],
  Node: ['nodeInfo', 'addresses'],
  PersistentVolume: ['phase'],
  PersistentVolumeClaim: ['phase'],
  Namespace: ['phase'],
  Service: ['loadBalancer'],
};

/**
 * Drops managedFields, last-applied annotations and status noise. Keeps memory bounded by
 * what rules read, not by what the API returns. Returns a new object; the input is not changed.
 * Secrets are reduced to metadata and type: Palisade never keeps secret data.
 */
export function trimObject<T extends K8sObject>(obj: T): T {
  const { managedFields: _mf, ...metadata } = obj.metadata as T['metadata'] & { managedFields?: unknown };
  const out = { ...obj, metadata } as T;
  if (isRecord(metadata.annotations)) {
    const ann = { ...recordAppliedApiVersion(metadata.annotations, obj.apiVersion) };
    for (const k of NOISY_ANNOTATIONS) delete ann[k];
    out.metadata.annotations = ann;
  }
  if (obj.kind === 'Secret') {
    const keep: K8sObject = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: out.metadata };
    if (typeof obj['type'] === 'string') keep['type'] = obj['type'];
    return keep as T;
  }
  if ('status' in out) {
    const kept = KEPT_STATUS[obj.kind];
    const status = out['status'];
    if (kept && isRecord(status)) {
      const s: Record<string, unknown> = {};
      for (const k of kept) if (k in status) s[k] = status[k];
      (out as K8sObject)['status'] = s;
    } else {
      delete (out as K8sObject)['status'];
    }
  }
  return out;
}
