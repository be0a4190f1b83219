import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.5, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/streaming-connection-idle-timeout',
    title: 'Kubelet streaming connections must time out',
    description:
      'streamingConnectionIdleTimeout: 0 keeps idle exec and port-forward sessions open forever.',
    remediation: 'Set streamingConnectionIdleTimeout to a duration such as 5m (default 4h).',
    severity: 'low',
    category: 'security',
    references: [cis('4.2.5')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'durationNotZero', path: 'streamingConnectionIdleTimeout' }]);
  },
});
