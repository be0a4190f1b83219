import { defineRule } from '../../engine/rule.js';
import { checkDefaultDeny, mtbRef } from './common.js';

/** A namespace-wide default-deny egress policy isolates every pod, including pods created later. */
export default defineRule({
  meta: {
    id: 'tenancy/default-deny-egress',
    title: 'Tenant namespaces must have a default-deny egress NetworkPolicy',
    description:
      'Without a policy that selects every pod (podSelector: {}) for Egress, any pod not named by another policy is open towards every other tenant; a new workload starts unprotected.',
    remediation:
      'Add a NetworkPolicy with podSelector: {} and policyTypes: [Egress] to each tenant namespace, then allow the needed traffic with narrower policies.',
    severity: 'high',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-BC-NI-1'), { framework: 'CIS', id: '1.12 §5.3.2' }],
    targets: ['Namespace'],
    scope: 'namespace',
    requires: ['NetworkPolicy'],
    messages: { missing: 'Tenant {{tenant}} namespace {{namespace}} has no NetworkPolicy isolating all pods for Egress' },
  },
  check: (ctx) => checkDefaultDeny(ctx, 'Egress'),
});
