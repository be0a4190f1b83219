import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, podSpecOrSkip, pssRef } from './common.js';

/** PSS baseline "Privileged Containers": a privileged container has the host's devices and capabilities. */
export default defineRule({
  meta: {
    id: 'pss/privileged',
    title: 'Containers must not run privileged',
    description:
      'A privileged container runs with every capability and the host devices; escaping to the node is trivial. Pod Security Standards baseline forbids it.',
    remediation: 'Remove securityContext.privileged or set it to false; grant only the specific capabilities the process needs.',
    severity: 'critical',
    category: 'security',
    references: [
      pssRef('baseline', 'privileged'),
      { framework: 'CIS', id: '1.12 §5.2.2' },
      { framework: 'NSA', id: 'C-0057' },
      { framework: 'MTB', id: 'MTB-PL1-BC-CPI-5' },
    ],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { privileged: 'Container "{{container}}" runs privileged' },
    examples: {
      failing: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {privileged: true}`,
      passing: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {privileged: false}`,
    },
  },
  check(ctx) {
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      if (c.container.securityContext?.privileged === true) {
        ctx.fail('privileged', { container: c.name }, [
          { path: `${c.path}.securityContext.privileged`, actual: true, expected: 'unset or false' },
        ]);
      }
    }
  },
});
