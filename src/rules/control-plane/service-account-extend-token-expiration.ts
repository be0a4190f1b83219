import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.30: ServiceAccount token lifetimes must not be silently extended. */
export default defineRule({
  meta: {
    id: 'control-plane/service-account-extend-token-expiration',
    title: 'ServiceAccount token lifetimes must not be silently extended',
    description:
      'With extension on (the default), projected tokens are valid for a year regardless of the requested lifetime, which defeats short-lived tokens.',
    remediation: 'Set --service-account-extend-token-expiration=false on kube-apiserver.',
    severity: 'low',
    category: 'security',
    references: [cis('1.2.30')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'equals', flag: 'service-account-extend-token-expiration', value: 'false' }]);
  },
});
