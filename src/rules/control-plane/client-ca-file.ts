import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.25: The API server must verify client certificates. */
export default defineRule({
  meta: {
    id: 'control-plane/client-ca-file',
    title: 'The API server must verify client certificates',
    description:
      'Without --client-ca-file, client certificate authentication (used by kubelets and controllers) is not possible and weaker methods are used.',
    remediation: 'Set --client-ca-file on kube-apiserver.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.25')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['client-ca-file'] }]);
  },
});
