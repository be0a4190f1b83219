import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.8, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/event-record-qps',
    title: 'The kubelet event rate must be a valid level',
    description:
      'A negative eventRecordQPS is invalid; 0 means unlimited and 50 is the default. Too low a limit drops events that investigations need.',
    remediation: 'Leave eventRecordQPS at its default (50) or set 0 (unlimited) where events must not be dropped.',
    severity: 'info',
    category: 'security',
    references: [cis('4.2.8')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { wrongValue: FIELD_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'nonNegative', path: 'eventRecordQPS' }]);
  },
});
