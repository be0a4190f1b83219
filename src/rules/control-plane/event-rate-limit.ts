import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.9: The EventRateLimit admission plugin should be enabled. */
export default defineRule({
  meta: {
    id: 'control-plane/event-rate-limit',
    title: 'The EventRateLimit admission plugin should be enabled',
    description:
      'A client flooding the API server with events can starve it; EventRateLimit bounds the rate.',
    remediation: 'Add EventRateLimit to --enable-admission-plugins and configure its limits in the file named by --admission-control-config-file.',
    severity: 'low',
    category: 'security',
    references: [cis('1.2.9')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'includes', flag: 'enable-admission-plugins', item: 'EventRateLimit' }, { kind: 'set', flags: ['admission-control-config-file'] }]);
  },
});
