import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from '../control-plane/common.js';

/** CIS 2.5: etcd peers must authenticate each other. */
export default defineRule({
  meta: {
    id: 'etcd/peer-client-cert-auth',
    title: 'etcd peers must authenticate each other',
    description:
      'Without peer certificate authentication any host that reaches the peer port can join the cluster and receive all data.',
    remediation: 'Set --peer-client-cert-auth=true on etcd.',
    severity: 'high',
    category: 'security',
    references: [cis('2.5')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'etcd', [{ kind: 'equals', flag: 'peer-client-cert-auth', value: 'true' }]);
  },
});
