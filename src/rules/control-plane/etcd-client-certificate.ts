import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.23: The API server must authenticate to etcd with a client certificate. */
export default defineRule({
  meta: {
    id: 'control-plane/etcd-client-certificate',
    title: 'The API server must authenticate to etcd with a client certificate',
    description:
      'etcd holds every Secret; the API server must use TLS client certificates to reach it.',
    remediation: 'Set --etcd-certfile and --etcd-keyfile on kube-apiserver.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.23')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['etcd-certfile', 'etcd-keyfile'] }]);
  },
});
