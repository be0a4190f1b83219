/**
 * Deprecated and removed Kubernetes API versions, by group/version and kind. Generated from the
 * `APILifecycleDeprecated/Removed/Replacement` functions of k8s.io/api v0.36.3 (released
 * 2026-07-22; zz_generated.prerelease-lifecycle.go), plus the kinds whose types Kubernetes has
 * since deleted (PodSecurityPolicy, autoscaling/v2beta1 and v2beta2, apiextensions and
 * apiregistration v1beta1, batch/v2alpha1) and replacements the generated data leaves empty, from
 * the Kubernetes deprecated API migration guide. Beta APIs carry their planned deprecation and
 * removal (three releases after introduction) until they are promoted.
 */
import { parseMinor } from './kubernetes-versions.js';

export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  /** Minor in which the version is deprecated, `1.16`. */
  deprecated: string;
  /** Minor in which it is no longer served. */
  removed: string;
  /** The apiVersion to move to, when there is one. */
  replacement?: string;
}

export const API_LIFECYCLE_DATE = '2026-07-22';

export const API_LIFECYCLE: readonly ApiLifecycle[] = [
  { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kind: 'MutatingAdmissionPolicy', deprecated: '1.35', removed: '1.38' },
  { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kind: 'MutatingAdmissionPolicyBinding', deprecated: '1.35', removed: '1.38' },
  { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kind: 'ValidatingAdmissionPolicy', deprecated: '1.29', removed: '1.32', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kind: 'ValidatingAdmissionPolicyBinding', deprecated: '1.29', removed: '1.32', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'MutatingAdmissionPolicy', deprecated: '1.37', removed: '1.40', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'MutatingAdmissionPolicyBinding', deprecated: '1.37', removed: '1.40', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'MutatingWebhookConfiguration', deprecated: '1.16', removed: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'ValidatingAdmissionPolicy', deprecated: '1.31', removed: '1.34', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'ValidatingAdmissionPolicyBinding', deprecated: '1.31', removed: '1.34', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'ValidatingWebhookConfiguration', deprecated: '1.16', removed: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition', deprecated: '1.16', removed: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kind: 'APIService', deprecated: '1.19', removed: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'apps/v1beta1', kind: 'ControllerRevision', deprecated: '1.8', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta1', kind: 'Deployment', deprecated: '1.8', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta1', kind: 'StatefulSet', deprecated: '1.8', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kind: 'ControllerRevision', deprecated: '1.9', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kind: 'DaemonSet', deprecated: '1.9', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kind: 'Deployment', deprecated: '1.9', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kind: 'ReplicaSet', deprecated: '1.9', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kind: 'StatefulSet', deprecated: '1.9', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'autoscaling/v2beta1', kind: 'HorizontalPodAutoscaler', deprecated: '1.22', removed: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', deprecated: '1.23', removed: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'batch/v1beta1', kind: 'CronJob', deprecated: '1.21', removed: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'batch/v2alpha1', kind: 'CronJob', deprecated: '1.8', removed: '1.21', replacement: 'batch/v1' },
  { apiVersion: 'certificates.k8s.io/v1alpha1', kind: 'ClusterTrustBundle', deprecated: '1.34', removed: '1.37' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kind: 'CertificateSigningRequest', deprecated: '1.19', removed: '1.22', replacement: 'certificates.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kind: 'ClusterTrustBundle', deprecated: '1.37', removed: '1.40' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kind: 'PodCertificateRequest', deprecated: '1.38', removed: '1.41' },
  { apiVersion: 'coordination.k8s.io/v1alpha2', kind: 'LeaseCandidate', deprecated: '1.35', removed: '1.38', replacement: 'coordination.k8s.io/v1beta1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kind: 'Lease', deprecated: '1.19', removed: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kind: 'LeaseCandidate', deprecated: '1.36', removed: '1.39' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice', deprecated: '1.21', removed: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', kind: 'Event', deprecated: '1.22', removed: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kind: 'DaemonSet', deprecated: '1.8', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kind: 'Deployment', deprecated: '1.8', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kind: 'Ingress', deprecated: '1.14', removed: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', deprecated: '1.9', removed: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kind: 'PodSecurityPolicy', deprecated: '1.11', removed: '1.16', replacement: 'policy/v1beta1' },
  { apiVersion: 'extensions/v1beta1', kind: 'ReplicaSet', deprecated: '1.8', removed: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kind: 'FlowSchema', deprecated: '1.23', removed: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kind: 'PriorityLevelConfiguration', deprecated: '1.23', removed: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema', deprecated: '1.26', removed: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'PriorityLevelConfiguration', deprecated: '1.26', removed: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', deprecated: '1.29', removed: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'PriorityLevelConfiguration', deprecated: '1.29', removed: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IPAddress', deprecated: '1.34', removed: '1.37', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', deprecated: '1.19', removed: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IngressClass', deprecated: '1.19', removed: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'ServiceCIDR', deprecated: '1.34', removed: '1.37', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1beta1', kind: 'RuntimeClass', deprecated: '1.22', removed: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', deprecated: '1.21', removed: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', deprecated: '1.21', removed: '1.25' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRole', deprecated: '1.17', removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRoleBinding', deprecated: '1.17', removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'Role', deprecated: '1.17', removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'RoleBinding', deprecated: '1.17', removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1alpha3', kind: 'DeviceTaintRule', deprecated: '1.36', removed: '1.39' },
  { apiVersion: 'resource.k8s.io/v1alpha3', kind: 'ResourcePoolStatusRequest', deprecated: '1.39', removed: '1.42' },
  { apiVersion: 'resource.k8s.io/v1beta1', kind: 'DeviceClass', deprecated: '1.35', removed: '1.38', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceClaim', deprecated: '1.35', removed: '1.38', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceClaimTemplate', deprecated: '1.35', removed: '1.38', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceSlice', deprecated: '1.35', removed: '1.38', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta2', kind: 'DeviceClass', deprecated: '1.36', removed: '1.39', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta2', kind: 'DeviceTaintRule', deprecated: '1.39', removed: '1.42' },
  { apiVersion: 'resource.k8s.io/v1beta2', kind: 'ResourceClaim', deprecated: '1.36', removed: '1.39', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta2', kind: 'ResourceClaimTemplate', deprecated: '1.36', removed: '1.39', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta2', kind: 'ResourceSlice', deprecated: '1.36', removed: '1.39', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kind: 'PriorityClass', deprecated: '1.14', removed: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1alpha1', kind: 'CSIStorageCapacity', deprecated: '1.21', removed: '1.24', replacement: 'storage.k8s.io/v1beta1' },
  { apiVersion: 'storage.k8s.io/v1alpha1', kind: 'VolumeAttachment', deprecated: '1.21', removed: '1.24', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1alpha1', kind: 'VolumeAttributesClass', deprecated: '1.32', removed: '1.35', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'CSIDriver', deprecated: '1.19', removed: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'CSINode', deprecated: '1.17', removed: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'CSIStorageCapacity', deprecated: '1.24', removed: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'StorageClass', deprecated: '1.19', removed: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'VolumeAttachment', deprecated: '1.19', removed: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'VolumeAttributesClass', deprecated: '1.34', removed: '1.37', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storagemigration.k8s.io/v1beta1', kind: 'StorageVersionMigration', deprecated: '1.38', removed: '1.41' },
];

const byKey = new Map(API_LIFECYCLE.map((e) => [`${e.apiVersion}\u0000${e.kind}`, e]));

export function lifecycleOf(apiVersion: string, kind: string): ApiLifecycle | undefined {
  return byKey.get(`${apiVersion}\u0000${kind}`);
}

export type ApiStatus = 'removed' | 'deprecated' | 'served';

/** Whether `entry` is removed, deprecated or still plainly served in Kubernetes `version` (`v1.36.3`, `1.36`). */
export function apiStatusAt(entry: ApiLifecycle, version: string): ApiStatus | undefined {
  const v = parseMinor(version);
  const removed = parseMinor(entry.removed);
  const deprecated = parseMinor(entry.deprecated);
  if (!v || !removed || !deprecated) return undefined;
  const at = (x: { major: number; minor: number }) => v.major > x.major || (v.major === x.major && v.minor >= x.minor);
  if (at(removed)) return 'removed';
  if (at(deprecated)) return 'deprecated';
  return 'served';
}

/** Kinds the table knows. */
export function lifecycleKinds(): string[] {
  return [...new Set(API_LIFECYCLE.map((e) => e.kind))].sort();
}
