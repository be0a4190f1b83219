import { defineRule } from '../../engine/rule.js';
import { authorizersOf, cis, forEachInstance } from './common.js';

/** CIS 1.2.8. --authorization-config replaces --authorization-mode; its content is read when a ConfigMap shows it. */
export default defineRule({
  meta: {
    id: 'control-plane/authorization-mode-rbac',
    title: 'The API server must use the RBAC authorizer',
    description: 'Without RBAC there is no fine-grained, auditable permission model for users and ServiceAccounts.',
    remediation: 'Include RBAC in --authorization-mode (or an RBAC authorizer in the --authorization-config file).',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.8')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: '{{instance}}: the authorizer chain does not include RBAC ({{actual}})' },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-apiserver', (inst) => {
      const view = authorizersOf(ctx, inst);
      if ('unknown' in view) return ctx.unknown(view.unknown);
      if (!view.modes.includes('RBAC')) {
        ctx.fail('missing', { instance: inst.label, actual: view.actual }, [{ path: view.path, actual: view.actual, expected: 'includes RBAC' }]);
      } else ctx.pass(undefined, {}, [{ path: view.path, actual: view.actual, expected: 'includes RBAC' }]);
    });
  },
});
