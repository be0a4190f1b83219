import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.4: The API server must authenticate to kubelets with a client certificate. */
export default defineRule({
  meta: {
    id: 'control-plane/kubelet-client-certificate',
    title: 'The API server must authenticate to kubelets with a client certificate',
    description:
      'Without a client certificate the kubelets cannot authenticate the API server, and calls to the kubelet API are unauthenticated.',
    remediation: 'Set --kubelet-client-certificate and --kubelet-client-key on kube-apiserver.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.4')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['kubelet-client-certificate', 'kubelet-client-key'] }]);
  },
});
