import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.11, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/rotate-server-certificates',
    title: 'Kubelet serving certificate rotation must not be disabled',
    description:
      'With the RotateKubeletServerCertificate gate off, kubelets keep long-lived or self-signed serving certificates.',
    remediation: 'Remove RotateKubeletServerCertificate: false from featureGates (and set serverTLSBootstrap: true).',
    severity: 'medium',
    category: 'security',
    references: [cis('4.2.11')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'not', path: 'featureGates.RotateKubeletServerCertificate', value: false }]);
  },
});
