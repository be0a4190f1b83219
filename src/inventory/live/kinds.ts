/**
 * The resources a live scan lists. Each must be granted (get, list) in manifests/base's
 * ClusterRole, and each grant there names the rules that need it; a unit test keeps the two in step.
 * Secrets are deliberately absent: Palisade never reads them.
 */
export interface LiveKind {
  group: string;
  /** Plural resource name as in RBAC rules and URLs. */
  resource: string;
  kind: string;
  /** List as PartialObjectMetadata: only metadata reaches the scanner (no data). */
  metadataOnly?: boolean;
  /**
   * With metadataOnly: namespaces whose objects are read in full. kube-system ConfigMaps hold the
   * control-plane configuration (kubeadm-config, kube-proxy, config files) that control-plane rules read.
   */
  fullIn?: readonly string[];
  /** Provided by a CRD that may not be installed; absence is normal, not a gap. */
  optional?: boolean;
}

export const LIVE_KINDS: readonly LiveKind[] = [
  // Workloads (pod specs)
  { group: '', resource: 'pods', kind: 'Pod' },
  { group: '', resource: 'replicationcontrollers', kind: 'ReplicationController' },
  { group: 'apps', resource: 'deployments', kind: 'Deployment' },
  { group: 'apps', resource: 'statefulsets', kind: 'StatefulSet' },
  { group: 'apps', resource: 'daemonsets', kind: 'DaemonSet' },
  { group: 'apps', resource: 'replicasets', kind: 'ReplicaSet' },
  { group: 'batch', resource: 'jobs', kind: 'Job' },
  { group: 'batch', resource: 'cronjobs', kind: 'CronJob' },
  { group: 'policy', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget' },
  { group: 'autoscaling', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler' },
  // Namespaces, nodes, identities
  { group: '', resource: 'namespaces', kind: 'Namespace' },
  { group: '', resource: 'nodes', kind: 'Node' },
  { group: '', resource: 'serviceaccounts', kind: 'ServiceAccount' },
  { group: '', resource: 'configmaps', kind: 'ConfigMap', metadataOnly: true, fullIn: ['kube-system'] },
  // Exposure and network
  { group: '', resource: 'services', kind: 'Service' },
  { group: 'networking.k8s.io', resource: 'ingresses', kind: 'Ingress' },
  { group: 'networking.k8s.io', resource: 'ingressclasses', kind: 'IngressClass' },
  { group: 'networking.k8s.io', resource: 'networkpolicies', kind: 'NetworkPolicy' },
  // RBAC
  { group: 'rbac.authorization.k8s.io', resource: 'roles', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', kind: 'RoleBinding' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding' },
  // Storage
  { group: '', resource: 'persistentvolumes', kind: 'PersistentVolume' },
  { group: '', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' },
  { group: 'storage.k8s.io', resource: 'storageclasses', kind: 'StorageClass' },
  { group: 'storage.k8s.io', resource: 'csidrivers', kind: 'CSIDriver' },
  // Compute isolation
  { group: '', resource: 'resourcequotas', kind: 'ResourceQuota' },
  { group: '', resource: 'limitranges', kind: 'LimitRange' },
  { group: 'node.k8s.io', resource: 'runtimeclasses', kind: 'RuntimeClass' },
  { group: 'scheduling.k8s.io', resource: 'priorityclasses', kind: 'PriorityClass' },
  // Admission
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration' },
  // ValidatingAdmissionPolicies and bindings: admission/* and the vap/<policy-name> rules.
  { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies', kind: 'ValidatingAdmissionPolicy' },
  { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicybindings', kind: 'ValidatingAdmissionPolicyBinding' },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition' },
  // Aggregated APIs: apiservice/insecure-skip-tls-verify, apiservice/tenant-backend.
  { group: 'apiregistration.k8s.io', resource: 'apiservices', kind: 'APIService' },
  // Policy engines' reports (CRDs; listed when installed)
  { group: 'wgpolicyk8s.io', resource: 'policyreports', kind: 'PolicyReport', optional: true },
  { group: 'wgpolicyk8s.io', resource: 'clusterpolicyreports', kind: 'ClusterPolicyReport', optional: true },
  // Image-signature admission policies (CRDs; listed when installed): admission/image-signature.
  { group: 'kyverno.io', resource: 'clusterpolicies', kind: 'ClusterPolicy', optional: true },
  { group: 'kyverno.io', resource: 'policies', kind: 'Policy', optional: true },
  { group: 'policies.kyverno.io', resource: 'imagevalidatingpolicies', kind: 'ImageValidatingPolicy', optional: true },
  { group: 'policy.sigstore.dev', resource: 'clusterimagepolicies', kind: 'ClusterImagePolicy', optional: true },
  { group: 'constraints.gatekeeper.sh', resource: 'ratifyverification', kind: 'RatifyVerification', optional: true },
  // Service mesh (Istio; listed when installed): tenancy/mesh-mtls.
  { group: 'security.istio.io', resource: 'peerauthentications', kind: 'PeerAuthentication', optional: true },
];

/** Resources that must never be listed, whatever a caller passes. */
export const NEVER_LIST: ReadonlySet<string> = new Set(['secrets']);

/** Accept header for metadata-only lists. */
export const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;q=0.9';
