import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.10, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/rotate-certificates',
    title: 'The kubelet must rotate its client certificate',
    description:
      'Without rotateCertificates the kubelet client certificate expires or is replaced by hand, which leads to long-lived credentials.',
    remediation: 'Set rotateCertificates: true in the kubelet configuration.',
    severity: 'medium',
    category: 'security',
    references: [cis('4.2.10')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { missing: FIELD_MESSAGES.missing, wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'equals', path: 'rotateCertificates', value: true }]);
  },
});
