import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { FIELD_MESSAGES, KUBELET_TARGETS, checkFields } from './common.js';

/** CIS 4.2.14, read from each node's effective kubelet configuration. */
export default defineRule({
  meta: {
    id: 'kubelet/seccomp-default',
    title: 'The kubelet must apply the RuntimeDefault seccomp profile by default',
    description:
      'Without seccompDefault every container that sets no profile runs Unconfined, with the full syscall surface of the kernel.',
    remediation: 'Set seccompDefault: true in the kubelet configuration.',
    severity: 'medium',
    category: 'security',
    references: [cis('4.2.14')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { missing: FIELD_MESSAGES.missing },
  },
  check(ctx) {
    checkFields(ctx, [{ kind: 'equals', path: 'seccompDefault', value: true }]);
  },
});
