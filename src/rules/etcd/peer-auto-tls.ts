import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from '../control-plane/common.js';

/** CIS 2.6: etcd must not use self-signed peer certificates. */
export default defineRule({
  meta: {
    id: 'etcd/peer-auto-tls',
    title: 'etcd must not use self-signed peer certificates',
    description:
      'Auto-TLS peer certificates cannot be verified, so peer authentication is meaningless.',
    remediation: 'Remove --peer-auto-tls=true from etcd.',
    severity: 'high',
    category: 'security',
    references: [cis('2.6')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'etcd', [{ kind: 'notEquals', flag: 'peer-auto-tls', value: 'true' }]);
  },
});
