import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.15: API server profiling must be disabled. */
export default defineRule({
  meta: {
    id: 'control-plane/apiserver-profiling',
    title: 'API server profiling must be disabled',
    description:
      'The /debug/pprof endpoints reveal program internals and can be used to degrade the API server.',
    remediation: 'Set --profiling=false on kube-apiserver.',
    severity: 'low',
    category: 'security',
    references: [cis('1.2.15')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'equals', flag: 'profiling', value: 'false' }]);
  },
});
