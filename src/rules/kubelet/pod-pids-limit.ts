import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.13, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/pod-pids-limit',
    title: 'A per-pod PID limit must be set',
    description:
      'Without podPidsLimit one pod can exhaust the node PID table (fork bomb) and deny service to every other pod on the node.',
    remediation: 'Set podPidsLimit in the kubelet configuration (for example 4096).',
    severity: 'medium',
    category: 'security',
    references: [cis('4.2.13')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { missing: FIELD_MESSAGES.missing, wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'positive', path: 'podPidsLimit' }]);
  },
});
