import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.2, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/authorization-mode',
    title: 'The kubelet must authorize requests through the API server',
    description:
      'authorization.mode AlwaysAllow lets every authenticated caller use every kubelet endpoint, including exec into any pod on the node.',
    remediation: 'Set authorization.mode: Webhook in the kubelet configuration.',
    severity: 'critical',
    category: 'security',
    references: [cis('4.2.2')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'not', path: 'authorization.mode', value: 'AlwaysAllow' }]);
  },
});
