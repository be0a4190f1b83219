/** Multi-tenancy isolation rules (MTB and beyond). Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import clusterResourceAccess from './cluster-resource-access.js';
import computeQuota from './compute-quota.js';
import crossTenantAccess from './cross-tenant-access.js';
import crossTenantNetwork from './cross-tenant-network.js';
import dangerousPermissions from './dangerous-permissions.js';
import defaultDenyEgress from './default-deny-egress.js';
import defaultDenyIngress from './default-deny-ingress.js';
import externalNameService from './external-name-service.js';
import ingressHostCollision from './ingress-host-collision.js';
import limitRange from './limit-range.js';
import meshMtls from './mesh-mtls.js';
import namespaceSelfModification from './namespace-self-modification.js';
import nodeIsolation from './node-isolation.js';
import objectQuota from './object-quota.js';
import persistentVolumeReuse from './persistent-volume-reuse.js';
import podSecurityAdmission from './pod-security-admission.js';
import quotaModification from './quota-modification.js';
import runtimeClass from './runtime-class.js';
import selfService from './self-service.js';
import serviceExposure from './service-exposure.js';
import sharedServiceAccount from './shared-service-account.js';
import sharedSubject from './shared-subject.js';
import userNamespaces from './user-namespaces.js';

export const TENANCY_RULES: readonly Rule[] = [
  clusterResourceAccess,
  computeQuota,
  crossTenantAccess,
  crossTenantNetwork,
  dangerousPermissions,
  defaultDenyEgress,
  defaultDenyIngress,
  externalNameService,
  ingressHostCollision,
  limitRange,
  meshMtls,
  namespaceSelfModification,
  nodeIsolation,
  objectQuota,
  persistentVolumeReuse,
  podSecurityAdmission,
  quotaModification,
  runtimeClass,
  selfService,
  serviceExposure,
  sharedServiceAccount,
  sharedSubject,
  userNamespaces,
];
