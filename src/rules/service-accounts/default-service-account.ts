import { defineRule } from '../../engine/rule.js';
import { rbacModelFor, ruleString, grantPath, isSystemRbacObject } from '../../analysis/rbac.js';
import type { K8sObject } from '../../model/k8s.js';
import { cis } from '../control-plane/common.js';

/**
 * CIS 5.1.5 for the ServiceAccount objects themselves: every namespace's `default` SA should not
 * automount its token and should hold no RBAC grants. (Pods that run as `default` are the
 * workload rules' concern.)
 */
export default defineRule({
  meta: {
    id: 'service-accounts/default-service-account',
    title: 'Default ServiceAccounts should not be actively used',
    description:
      'Every pod that names no ServiceAccount runs as `default`. A token automounted from it, or RBAC granted to it, is handed to every such pod in the namespace.',
    remediation: 'Set automountServiceAccountToken: false on each namespace\'s default ServiceAccount, remove bindings to it, and give workloads that need API access their own ServiceAccount.',
    severity: 'medium',
    category: 'security',
    references: [cis('5.1.5')],
    targets: ['ServiceAccount'],
    scope: 'object',
    requires: ['RoleBinding', 'ClusterRoleBinding'],
    messages: {
      automount: 'The default ServiceAccount does not set automountServiceAccountToken: false',
      bound: 'The default ServiceAccount is granted permissions by {{bindings}}',
    },
  },
  check(ctx) {
    const sa = ctx.target;
    if (sa.metadata.name !== 'default') return ctx.notApplicable('only the default ServiceAccount of each namespace is checked');
    const automount = sa['automountServiceAccountToken'];
    if (automount !== false) {
      ctx.fail('automount', {}, [{ path: 'automountServiceAccountToken', actual: automount ?? null, expected: 'false' }]);
    }
    const grants = rbacModelFor(ctx.snapshot)
      .grantsOf({ kind: 'ServiceAccount', name: 'default', namespace: sa.metadata.namespace ?? '' })
      .filter((g) => !ctx.config.rules.excludeSystemRbac || !isBootstrapBinding(ctx.snapshot.get(g.binding.kind, g.binding.name, g.binding.namespace)));
    if (grants.length > 0) {
      const bindings = [...new Set(grants.map((g) => `${g.binding.kind}/${g.binding.namespace ? g.binding.namespace + '/' : ''}${g.binding.name}`))];
      ctx.fail('bound', { bindings: bindings.join(', ') }, grants.map((g) => ({ path: grantPath(g), actual: ruleString(g.rule), expected: 'no grants to the default ServiceAccount' })));
    }
  },
});

function isBootstrapBinding(binding: K8sObject | undefined): boolean {
  return binding !== undefined && isSystemRbacObject(binding);
}
