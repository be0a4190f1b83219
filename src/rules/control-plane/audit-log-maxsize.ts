import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.19: Audit log files must rotate at 100 MB or more. */
export default defineRule({
  meta: {
    id: 'control-plane/audit-log-maxsize',
    title: 'Audit log files must rotate at 100 MB or more',
    description:
      'Small rotation sizes together with few backups lose audit history quickly.',
    remediation: 'Set --audit-log-maxsize=100 or more.',
    severity: 'low',
    category: 'security',
    references: [cis('1.2.19')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'atLeast', flag: 'audit-log-maxsize', min: 100 }]);
  },
});
