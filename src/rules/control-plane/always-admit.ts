import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.10: The AlwaysAdmit admission plugin must not be enabled. */
export default defineRule({
  meta: {
    id: 'control-plane/always-admit',
    title: 'The AlwaysAdmit admission plugin must not be enabled',
    description:
      'AlwaysAdmit admits every request and bypasses every admission control, including the ones that enforce security policy.',
    remediation: 'Remove AlwaysAdmit from --enable-admission-plugins.',
    severity: 'critical',
    category: 'security',
    references: [cis('1.2.10')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'excludes', flag: 'enable-admission-plugins', item: 'AlwaysAdmit' }]);
  },
});
