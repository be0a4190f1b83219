import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.4.2: The scheduler must listen on localhost only. */
export default defineRule({
  meta: {
    id: 'control-plane/scheduler-bind-address',
    title: 'The scheduler must listen on localhost only',
    description:
      'Binding the scheduler to all interfaces exposes its endpoints to the network.',
    remediation: 'Set --bind-address=127.0.0.1 on kube-scheduler.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.4.2')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-scheduler', [{ kind: 'equals', flag: 'bind-address', value: '127.0.0.1', unsetPasses: true }]);
  },
});
