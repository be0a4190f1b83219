import { defineRule } from '../../engine/rule.js';
import { authorizersOf, cis, forEachInstance } from './common.js';

/** CIS 1.2.7. --authorization-config replaces --authorization-mode; its content is read when a ConfigMap shows it. */
export default defineRule({
  meta: {
    id: 'control-plane/authorization-mode-node',
    title: 'The API server must use the Node authorizer',
    description: 'The Node authorizer limits each kubelet to the objects of its own pods; without it kubelet credentials need broad RBAC rights and one node can read every Secret.',
    remediation: 'Include Node in --authorization-mode (or a Node authorizer in the --authorization-config file).',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.7')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: '{{instance}}: the authorizer chain does not include Node ({{actual}})' },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-apiserver', (inst) => {
      const view = authorizersOf(ctx, inst);
      if ('unknown' in view) return ctx.unknown(view.unknown);
      if (!view.modes.includes('Node')) {
        ctx.fail('missing', { instance: inst.label, actual: view.actual }, [{ path: view.path, actual: view.actual, expected: 'includes Node' }]);
      } else ctx.pass(undefined, {}, [{ path: view.path, actual: view.actual, expected: 'includes Node' }]);
    });
  },
});
