import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.18: At least 10 rotated audit log files must be kept. */
export default defineRule({
  meta: {
    id: 'control-plane/audit-log-maxbackup',
    title: 'At least 10 rotated audit log files must be kept',
    description:
      'Too few rotated files lose audit history on busy clusters.',
    remediation: 'Set --audit-log-maxbackup=10 or more.',
    severity: 'low',
    category: 'security',
    references: [cis('1.2.18')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'atLeast', flag: 'audit-log-maxbackup', min: 10 }]);
  },
});
