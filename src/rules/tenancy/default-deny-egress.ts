import { defineRule } from '../../engine/rule.js';
import { checkDefaultDeny, mtbRef } from './common.js';

/** A namespace-wide default-deny egress policy isolates every pod, including pods created later. */
export default defineRule({
  meta: {
    id: 'tenancy/default-deny-egress',
    title: 'Tenant namespaces must have a default-deny egress NetworkPolicy',
    description:
      'Without a policy that selects every pod (podSelector: {}) for Egress, any pod not named by another policy is open towards every other tenant; a new workload starts unprotected. For a tenant with the hard isolation profile the namespace-wide policy must itself deny (no egress rules): allows go in narrower policies.',
    remediation:
      'Add a NetworkPolicy with podSelector: {} and policyTypes: [Egress] to each tenant namespace, then allow the needed traffic with narrower policies.',
    severity: 'high',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-BC-NI-1'), { framework: 'CIS', id: '1.12 §5.3.2' }],
    targets: ['Namespace'],
    scope: 'namespace',
    context: 'namespace',
    requires: ['NetworkPolicy'],
    messages: {
      missing: 'Tenant {{tenant}} namespace {{namespace}} has no NetworkPolicy isolating all pods for Egress',
      notDenying: 'Hard-isolated tenant {{tenant}} namespace {{namespace}} isolates all pods for Egress only with policies that also allow traffic ({{policies}}); hard isolation needs a namespace-wide policy with no egress rules',
    },
  },
  check: (ctx) => checkDefaultDeny(ctx, 'Egress'),
});
