import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.3, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/client-ca-file',
    title: 'The kubelet must verify client certificates',
    description:
      'Without authentication.x509.clientCAFile the kubelet cannot authenticate the API server or other clients by certificate.',
    remediation: 'Set authentication.x509.clientCAFile to the cluster CA in the kubelet configuration.',
    severity: 'high',
    category: 'security',
    references: [cis('4.2.3')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { missing: FIELD_MESSAGES.missing },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'set', paths: ['authentication.x509.clientCAFile'] }]);
  },
});
