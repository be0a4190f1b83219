import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.3: The DenyServiceExternalIPs admission plugin must be enabled. */
export default defineRule({
  meta: {
    id: 'control-plane/deny-service-external-ips',
    title: 'The DenyServiceExternalIPs admission plugin must be enabled',
    description:
      'Anyone who can create a Service with externalIPs can intercept traffic for those IPs cluster-wide (CVE-2020-8554).',
    remediation: 'Add DenyServiceExternalIPs to --enable-admission-plugins.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.2.3')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'includes', flag: 'enable-admission-plugins', item: 'DenyServiceExternalIPs' }]);
  },
});
