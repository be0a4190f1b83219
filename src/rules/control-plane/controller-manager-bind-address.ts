import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.3.7: The controller manager must listen on localhost only. */
export default defineRule({
  meta: {
    id: 'control-plane/controller-manager-bind-address',
    title: 'The controller manager must listen on localhost only',
    description:
      'Its secure port exposes health and metrics endpoints; binding it to all interfaces widens the attack surface of a highly privileged component.',
    remediation: 'Set --bind-address=127.0.0.1 on kube-controller-manager.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.3.7')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-controller-manager', [{ kind: 'equals', flag: 'bind-address', value: '127.0.0.1', unsetPasses: true }]);
  },
});
