import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.14: The NodeRestriction admission plugin must be enabled. */
export default defineRule({
  meta: {
    id: 'control-plane/node-restriction',
    title: 'The NodeRestriction admission plugin must be enabled',
    description:
      'NodeRestriction limits each kubelet to modifying its own Node and the pods bound to it; without it one compromised node can tamper with every other node.',
    remediation: 'Add NodeRestriction to --enable-admission-plugins (and keep Node in the authorization chain).',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.14')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'includes', flag: 'enable-admission-plugins', item: 'NodeRestriction' }]);
  },
});
