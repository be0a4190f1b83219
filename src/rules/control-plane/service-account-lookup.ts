import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.21: ServiceAccount tokens must be checked against etcd. */
export default defineRule({
  meta: {
    id: 'control-plane/service-account-lookup',
    title: 'ServiceAccount tokens must be checked against etcd',
    description:
      'With --service-account-lookup=false a token keeps working after its ServiceAccount is deleted.',
    remediation: 'Remove --service-account-lookup=false (the default is true).',
    severity: 'medium',
    category: 'security',
    references: [cis('1.2.21')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'notEquals', flag: 'service-account-lookup', value: 'false' }]);
  },
});
