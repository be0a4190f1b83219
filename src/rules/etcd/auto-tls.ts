import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from '../control-plane/common.js';

/** CIS 2.3: etcd must not use self-signed client certificates. */
export default defineRule({
  meta: {
    id: 'etcd/auto-tls',
    title: 'etcd must not use self-signed client certificates',
    description:
      'Auto-TLS generates self-signed certificates that clients cannot verify.',
    remediation: 'Remove --auto-tls=true from etcd.',
    severity: 'high',
    category: 'security',
    references: [cis('2.3')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'etcd', [{ kind: 'notEquals', flag: 'auto-tls', value: 'true' }]);
  },
});
