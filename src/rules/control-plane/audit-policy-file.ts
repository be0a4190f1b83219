import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 3.2.1: An audit policy must be configured. */
export default defineRule({
  meta: {
    id: 'control-plane/audit-policy-file',
    title: 'An audit policy must be configured',
    description:
      'Without --audit-policy-file no audit events are recorded even when a log path is set. (Whether the policy covers the key concerns, CIS 3.2.2, is not visible through the API.)',
    remediation: 'Set --audit-policy-file to a policy that records at least Metadata for Secrets and RequestResponse for RBAC and pod exec.',
    severity: 'medium',
    category: 'security',
    references: [cis('3.2.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['audit-policy-file'] }]);
  },
});
