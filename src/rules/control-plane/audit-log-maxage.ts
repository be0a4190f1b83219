import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.17: Audit logs must be kept at least 30 days. */
export default defineRule({
  meta: {
    id: 'control-plane/audit-log-maxage',
    title: 'Audit logs must be kept at least 30 days',
    description:
      'Short audit retention destroys the evidence an investigation needs.',
    remediation: 'Set --audit-log-maxage=30 or more.',
    severity: 'low',
    category: 'security',
    references: [cis('1.2.17')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'atLeast', flag: 'audit-log-maxage', min: 30 }]);
  },
});
