import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, cisRef, pssRef, pssSubject } from './common.js';

/** PSS baseline "Host Ports" (PSA check `hostPorts`). */
export default defineRule({
  meta: {
    id: 'pss/host-ports',
    title: 'Containers must not bind host ports',
    description:
      "A hostPort binds a port on the node's own address: traffic bypasses Services and NetworkPolicy, and it pins the pod to nodes where the port is free. Pod Security Standards baseline forbids any non-zero hostPort. On a Pod with hostNetwork: true, the API server sets each unset hostPort to its containerPort (regular and init containers), and this rule does the same.",
    remediation: 'Remove ports[].hostPort (or set it to 0) and expose the workload through a Service.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('baseline', 'hostPorts'), cisRef('5.2.12'), { framework: 'NSA', id: 'C-0044' }, { framework: 'MTB', id: 'MTB-PL1-BC-HI-3' }],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { hostPort: 'Container "{{container}}" uses hostPort {{hostPort}} (ports[{{index}}].hostPort)' },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view } = subject;
    // SetDefaults_Pod (not pod templates): with hostNetwork, an unset hostPort becomes the containerPort.
    const defaulted = ctx.target.kind === 'Pod' && view.spec.hostNetwork === true;
    for (const c of containersOf(view)) {
      (c.container.ports ?? []).forEach((port, i) => {
        const explicit = port.hostPort ?? 0;
        const hostPort = explicit === 0 && defaulted && c.type !== 'ephemeralContainers' ? port.containerPort : explicit;
        if (hostPort !== 0 && hostPort !== undefined) {
          ctx.fail('hostPort', { container: c.name, hostPort, index: i }, [
            { path: `${c.path}.ports[${i}].hostPort`, actual: port.hostPort ?? `unset (defaults to ${hostPort} with hostNetwork)`, expected: 'unset or 0' },
          ]);
        }
      });
    }
  },
});
