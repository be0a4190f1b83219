import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from '../control-plane/common.js';

/** CIS 2.4: etcd peers must talk over TLS. */
export default defineRule({
  meta: {
    id: 'etcd/peer-tls',
    title: 'etcd peers must talk over TLS',
    description:
      'Replication traffic carries every object, including Secrets.',
    remediation: 'Set --peer-cert-file and --peer-key-file on etcd.',
    severity: 'high',
    category: 'security',
    references: [cis('2.4')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'etcd', [{ kind: 'set', flags: ['peer-cert-file', 'peer-key-file'] }]);
  },
});
