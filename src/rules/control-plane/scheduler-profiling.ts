import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.4.1: Scheduler profiling must be disabled. */
export default defineRule({
  meta: {
    id: 'control-plane/scheduler-profiling',
    title: 'Scheduler profiling must be disabled',
    description:
      'The /debug/pprof endpoints reveal program internals and can be used to degrade the component.',
    remediation: 'Set --profiling=false on kube-scheduler.',
    severity: 'low',
    category: 'security',
    references: [cis('1.4.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-scheduler', [{ kind: 'equals', flag: 'profiling', value: 'false' }]);
  },
});
