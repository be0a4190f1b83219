import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.3.1: A terminated-pod garbage collection threshold should be set. */
export default defineRule({
  meta: {
    id: 'control-plane/terminated-pod-gc-threshold',
    title: 'A terminated-pod garbage collection threshold should be set',
    description:
      'Terminated pods accumulate until the threshold (12500 by default) is hit, which costs etcd space and API performance.',
    remediation: 'Set --terminated-pod-gc-threshold on kube-controller-manager to a value suited to the cluster (for example 10).',
    severity: 'low',
    category: 'security',
    references: [cis('1.3.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-controller-manager', [{ kind: 'set', flags: ['terminated-pod-gc-threshold'] }]);
  },
});
