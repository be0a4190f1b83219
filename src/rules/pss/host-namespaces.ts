import { defineRule } from '../../engine/rule.js';
import { PSS_TARGETS, cisRef, pssRef, pssSubject } from './common.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** PSS baseline "Host Namespaces" (PSA check `hostNamespaces`). */
export default defineRule({
  meta: {
    id: 'pss/host-namespaces',
    title: 'Pods must not share the host network, PID or IPC namespace',
    description:
      "Sharing the node's network, PID or IPC namespace lets a pod see and reach the node's processes and traffic, and bypass NetworkPolicy. Pod Security Standards baseline forbids it.",
    remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC or set them to false.',
    severity: 'high',
    category: 'security',
    references: [
      pssRef('baseline', 'hostNamespaces'),
      cisRef('5.2.3'),
      cisRef('5.2.4'),
      cisRef('5.2.5'),
      { framework: 'NSA', id: 'C-0038' },
      { framework: 'NSA', id: 'C-0041' },
      { framework: 'MTB', id: 'MTB-PL1-BC-HI-3' },
      { framework: 'MTB', id: 'MTB-PL1-BC-HI-4' },
      { framework: 'MTB', id: 'MTB-PL1-BC-HI-5' },
    ],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { hostNamespace: 'The pod sets spec.{{field}}=true' },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view } = subject;
    for (const field of FIELDS) {
      if (view.spec[field] === true) {
        ctx.fail('hostNamespace', { field }, [{ path: `${view.path}.${field}`, actual: true, expected: 'unset or false' }]);
      }
    }
  },
});
