import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.3.2: Controller manager profiling must be disabled. */
export default defineRule({
  meta: {
    id: 'control-plane/controller-manager-profiling',
    title: 'Controller manager profiling must be disabled',
    description:
      'The /debug/pprof endpoints reveal program internals and can be used to degrade the component.',
    remediation: 'Set --profiling=false on kube-controller-manager.',
    severity: 'low',
    category: 'security',
    references: [cis('1.3.2')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-controller-manager', [{ kind: 'equals', flag: 'profiling', value: 'false' }]);
  },
});
