import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = [{ verbs: ['get', 'list', 'watch'], group: '', resource: 'secrets' }];

/** CIS 5.1.2: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/secret-readers',
    title: 'Access to Secrets should be limited',
    description:
      'get, list or watch on Secrets reveals every credential in scope, including ServiceAccount tokens of more privileged workloads: read access to Secrets is often a path to cluster-admin.',
    remediation: 'Grant Secret access only to the workloads that need it, by resourceNames where possible; prefer mounting Secrets over API access.',
    severity: 'high',
    category: 'security',
    references: [cis('5.1.2')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { readsSecrets: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'readsSecrets', PERMISSIONS, 'no get/list/watch on secrets');
  },
});
