import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.2: The API server must not accept static token files. */
export default defineRule({
  meta: {
    id: 'control-plane/token-auth-file',
    title: 'The API server must not accept static token files',
    description:
      'Static tokens in --token-auth-file never expire and can only be changed by restarting the API server; a leaked token is a permanent credential.',
    remediation: 'Remove --token-auth-file from the kube-apiserver manifest and use OIDC, client certificates or ServiceAccount tokens instead.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.2')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'unset', flag: 'token-auth-file' }]);
  },
});
