import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.6, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/make-iptables-util-chains',
    title: 'The kubelet must manage its iptables utility chains',
    description:
      'With makeIPTablesUtilChains off, the iptables rules the kubelet relies on can drift from what pods need.',
    remediation: 'Set makeIPTablesUtilChains: true (the default).',
    severity: 'low',
    category: 'security',
    references: [cis('4.2.6')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'not', path: 'makeIPTablesUtilChains', value: false }]);
  },
});
