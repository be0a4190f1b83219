import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.16: API server audit logging must be enabled. */
export default defineRule({
  meta: {
    id: 'control-plane/audit-log-path',
    title: 'API server audit logging must be enabled',
    description:
      'Without an audit log there is no record of who did what through the API, which every incident investigation needs.',
    remediation: 'Set --audit-log-path (and --audit-policy-file) on kube-apiserver, or configure an audit webhook.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.2.16')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['audit-log-path'] }]);
  },
});
