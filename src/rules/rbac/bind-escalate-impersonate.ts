import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = [
      ...['roles', 'clusterroles'].map((resource) => ({ verbs: ['bind', 'escalate'], group: 'rbac.authorization.k8s.io', resource })),
      ...['users', 'groups', 'serviceaccounts', 'uids'].map((resource) => ({ verbs: ['impersonate'], group: '', resource })),
      { verbs: ['impersonate'], group: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes' },
    ];

/** CIS 5.1.8: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/bind-escalate-impersonate',
    title: 'bind, escalate and impersonate should not be granted',
    description:
      'bind and escalate let a subject grant itself permissions it does not have; impersonate lets it act as any user, group or ServiceAccount. Each is a direct privilege escalation.',
    remediation: 'Remove bind/escalate on roles and clusterroles and impersonate on users, groups, serviceaccounts and uids, except for the few controllers that need them.',
    severity: 'critical',
    category: 'security',
    references: [cis('5.1.8')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { escalates: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'escalates', PERMISSIONS, 'no bind, escalate or impersonate');
  },
});
