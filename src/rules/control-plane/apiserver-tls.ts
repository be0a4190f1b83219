import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.24: The API server must serve TLS with its own certificate. */
export default defineRule({
  meta: {
    id: 'control-plane/apiserver-tls',
    title: 'The API server must serve TLS with its own certificate',
    description:
      'A self-generated or missing serving certificate defeats clients that verify the API server identity.',
    remediation: 'Set --tls-cert-file and --tls-private-key-file on kube-apiserver.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.24')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['tls-cert-file', 'tls-private-key-file'] }]);
  },
});
