import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'].map((resource) => ({
      verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
      group: 'admissionregistration.k8s.io',
      resource,
      clusterScoped: true,
    }));

/** CIS 5.1.12: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/webhook-config-writers',
    title: 'The right to change admission webhooks and policies should be limited',
    description:
      'Whoever can write admission webhook configurations or admission policies can intercept or silently disable every security control enforced at admission, and read every object sent to a webhook.',
    remediation: 'Limit create/update/patch/delete on validating/mutating webhook configurations and admission policies to cluster administrators and the operators that own them.',
    severity: 'high',
    category: 'security',
    references: [cis('5.1.12')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { writesWebhooks: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'writesWebhooks', PERMISSIONS, 'no write access to admission webhook configurations or policies');
  },
});
