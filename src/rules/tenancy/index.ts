/** Multi-tenancy isolation rules (MTB and beyond). Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import clusterResourceAccess from './cluster-resource-access.js';
import crossTenantAccess from './cross-tenant-access.js';
import crossTenantNetwork from './cross-tenant-network.js';
import dangerousPermissions from './dangerous-permissions.js';
import defaultDenyEgress from './default-deny-egress.js';
import defaultDenyIngress from './default-deny-ingress.js';
import namespaceSelfModification from './namespace-self-modification.js';
import quotaModification from './quota-modification.js';
import selfService from './self-service.js';

export const TENANCY_RULES: readonly Rule[] = [
  clusterResourceAccess,
  crossTenantAccess,
  crossTenantNetwork,
  dangerousPermissions,
  defaultDenyEgress,
  defaultDenyIngress,
  namespaceSelfModification,
  quotaModification,
  selfService,
];
