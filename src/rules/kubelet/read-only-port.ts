import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.4, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/read-only-port',
    title: 'The kubelet read-only port must be disabled',
    description:
      'The read-only port (10255) serves pod specs and node metrics without any authentication.',
    remediation: 'Set readOnlyPort: 0 in the kubelet configuration.',
    severity: 'high',
    category: 'security',
    references: [cis('4.2.4')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'not', path: 'readOnlyPort', value: 10255 }, { kind: 'nonNegative', path: 'readOnlyPort' }]);
  },
});
