import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from '../control-plane/common.js';

/** CIS 2.1: etcd must serve clients over TLS. */
export default defineRule({
  meta: {
    id: 'etcd/client-tls',
    title: 'etcd must serve clients over TLS',
    description:
      'etcd holds every Secret of the cluster; plain-text client traffic exposes them on the network.',
    remediation: 'Set --cert-file and --key-file on etcd.',
    severity: 'critical',
    category: 'security',
    references: [cis('2.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'etcd', [{ kind: 'set', flags: ['cert-file', 'key-file'] }]);
  },
});
