import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = [{ verbs: ['create'], group: '', resource: 'persistentvolumes', clusterScoped: true }];

/** CIS 5.1.9: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/pv-creators',
    title: 'The right to create PersistentVolumes should be limited',
    description:
      'A PersistentVolume can point at a hostPath or any storage backend: whoever creates one can mount host directories or other tenants\' data into a pod.',
    remediation: 'Let only storage administrators and provisioners create PersistentVolumes; users should request storage through PersistentVolumeClaims.',
    severity: 'high',
    category: 'security',
    references: [cis('5.1.9')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { createsPersistentVolumes: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'createsPersistentVolumes', PERMISSIONS, 'no create on persistentvolumes');
  },
});
