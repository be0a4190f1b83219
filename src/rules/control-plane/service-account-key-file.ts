import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.22: The API server must have an explicit ServiceAccount public key. */
export default defineRule({
  meta: {
    id: 'control-plane/service-account-key-file',
    title: 'The API server must have an explicit ServiceAccount public key',
    description:
      'An explicit --service-account-key-file allows key rotation without invalidating every token at once.',
    remediation: 'Set --service-account-key-file to the public key matching the controller-manager signing key.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.2.22')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['service-account-key-file'] }]);
  },
});
