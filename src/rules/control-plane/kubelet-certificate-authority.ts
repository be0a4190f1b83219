import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.5: The API server must verify kubelets' serving certificates. */
export default defineRule({
  meta: {
    id: 'control-plane/kubelet-certificate-authority',
    title: 'The API server must verify kubelets\' serving certificates',
    description:
      'Without --kubelet-certificate-authority the API server does not verify whom it talks to on the kubelet port, allowing man-in-the-middle attacks on exec, logs and port-forward traffic.',
    remediation: 'Set --kubelet-certificate-authority to the CA that signs kubelet serving certificates.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.5')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['kubelet-certificate-authority'] }]);
  },
});
