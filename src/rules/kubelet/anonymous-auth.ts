import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.1, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/anonymous-auth',
    title: 'The kubelet must not accept anonymous requests',
    description:
      'With anonymous authentication on, anyone who reaches port 10250 is system:anonymous to the kubelet API (pods, logs, exec when authorization is weak).',
    remediation: 'Set authentication.anonymous.enabled: false in the kubelet configuration.',
    severity: 'critical',
    category: 'security',
    references: [cis('4.2.1')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'not', path: 'authentication.anonymous.enabled', value: true }]);
  },
});
