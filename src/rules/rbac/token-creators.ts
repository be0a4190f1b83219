import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = [{ verbs: ['create'], group: '', resource: 'serviceaccounts', subresource: 'token' }];

/** CIS 5.1.13: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/token-creators',
    title: 'The right to mint ServiceAccount tokens should be limited',
    description:
      'create on serviceaccounts/token mints a token for any ServiceAccount in scope, so the subject gains every permission of those ServiceAccounts.',
    remediation: 'Remove create on serviceaccounts/token except for the components that issue tokens (kubelet, controllers).',
    severity: 'high',
    category: 'security',
    references: [cis('5.1.13')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { createsTokens: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'createsTokens', PERMISSIONS, 'no create on serviceaccounts/token');
  },
});
