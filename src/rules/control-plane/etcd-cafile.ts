import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.26: The API server must verify etcd's certificate. */
export default defineRule({
  meta: {
    id: 'control-plane/etcd-cafile',
    title: 'The API server must verify etcd\'s certificate',
    description:
      'Without --etcd-cafile the API server cannot verify it talks to the real etcd.',
    remediation: 'Set --etcd-cafile on kube-apiserver.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.26')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['etcd-cafile'] }]);
  },
});
