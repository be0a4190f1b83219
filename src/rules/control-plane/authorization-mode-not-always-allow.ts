import { defineRule } from '../../engine/rule.js';
import { authorizersOf, cis, forEachInstance } from './common.js';

/** CIS 1.2.6. --authorization-config replaces --authorization-mode; its content is read when a ConfigMap shows it. */
export default defineRule({
  meta: {
    id: 'control-plane/authorization-mode-not-always-allow',
    title: 'The API server must not authorize every request',
    description: 'With AlwaysAllow every authenticated (and, with anonymous auth, unauthenticated) request is allowed: RBAC is bypassed.',
    remediation: 'Set --authorization-mode to Node,RBAC (or configure the authorizer chain with --authorization-config) and never include AlwaysAllow.',
    severity: 'critical',
    category: 'security',
    references: [cis('1.2.6')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { present: '{{instance}}: the authorizer chain contains AlwaysAllow ({{actual}})' },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-apiserver', (inst) => {
      const view = authorizersOf(ctx, inst);
      if ('unknown' in view) return ctx.unknown(view.unknown);
      if (view.modes.includes('AlwaysAllow')) {
        ctx.fail('present', { instance: inst.label, actual: view.actual }, [{ path: view.path, actual: view.actual, expected: 'no AlwaysAllow' }]);
      } else ctx.pass(undefined, {}, [{ path: view.path, actual: view.actual, expected: 'no AlwaysAllow' }]);
    });
  },
});
