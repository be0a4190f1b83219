import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.3.3: Controllers must use individual ServiceAccount credentials. */
export default defineRule({
  meta: {
    id: 'control-plane/use-service-account-credentials',
    title: 'Controllers must use individual ServiceAccount credentials',
    description:
      'With --use-service-account-credentials each controller runs with its own least-privilege role instead of one all-powerful identity.',
    remediation: 'Set --use-service-account-credentials=true on kube-controller-manager.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.3.3')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-controller-manager', [{ kind: 'equals', flag: 'use-service-account-credentials', value: 'true' }]);
  },
});
