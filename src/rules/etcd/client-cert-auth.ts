import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from '../control-plane/common.js';

/** CIS 2.2: etcd must require client certificates. */
export default defineRule({
  meta: {
    id: 'etcd/client-cert-auth',
    title: 'etcd must require client certificates',
    description:
      'Without client certificate authentication anyone who reaches the etcd port can read and write the whole cluster state.',
    remediation: 'Set --client-cert-auth=true on etcd.',
    severity: 'critical',
    category: 'security',
    references: [cis('2.2')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'etcd', [{ kind: 'equals', flag: 'client-cert-auth', value: 'true' }]);
  },
});
