import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.3.4: The controller manager must sign ServiceAccount tokens with an explicit key. */
export default defineRule({
  meta: {
    id: 'control-plane/service-account-private-key-file',
    title: 'The controller manager must sign ServiceAccount tokens with an explicit key',
    description:
      'An explicit signing key allows rotation and keeps tokens verifiable by the API server key file.',
    remediation: 'Set --service-account-private-key-file on kube-controller-manager.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.3.4')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-controller-manager', [{ kind: 'set', flags: ['service-account-private-key-file'] }]);
  },
});
