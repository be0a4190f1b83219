import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { accessOf, listText, mtbRef, targetTenant, tenantSubjectsThatCan, unknownForUnresolved } from './common.js';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;
const NETPOL_VERBS = ['get', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** MTB PL2 OPS-3/4 (informational): tenants can manage their own Roles, RoleBindings and NetworkPolicies. */
export default defineRule({
  meta: {
    id: 'tenancy/self-service',
    title: 'Tenants can manage their own Roles, RoleBindings and NetworkPolicies',
    description:
      'Profile level 2 of the Multi-Tenancy Benchmarks expects tenants to administer RBAC and NetworkPolicies inside their namespaces without a platform ticket. Informational: it does not change the score.',
    remediation: 'Bind the tenant’s administrators to a role with the listed verbs on roles, rolebindings and networkpolicies in the tenant namespaces.',
    severity: 'info',
    category: 'tenancy',
    references: [mtbRef('MTB-PL2-BC-OPS-3'), mtbRef('MTB-PL2-BC-OPS-4')],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'],
    messages: { missing: 'No subject of tenant {{tenant}} can {{verbs}} {{resource}} in namespace {{namespace}}' },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    if (tenant.subjects.length === 0) {
      ctx.notApplicable(`tenant ${tenant.name} has no known subjects`);
      return;
    }
    const wanted = [
      { group: 'rbac.authorization.k8s.io', resource: 'roles', verbs: VERBS },
      { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verbs: VERBS },
      { group: 'networking.k8s.io', resource: 'networkpolicies', verbs: NETPOL_VERBS },
    ];
    for (const namespace of tenant.namespaces) {
      const gaps = wanted
        .map((w) => ({ ...w, missing: w.verbs.filter((verb) => tenantSubjectsThatCan(ctx, tenant.name, { verb, group: w.group, resource: w.resource, namespace }).length === 0) }))
        .filter((g) => g.missing.length > 0);
      if (gaps.length === 0) continue;
      // A binding whose role is not in the input may grant the missing verbs: not known, not a fail.
      const question = `whether tenant ${tenant.name} can manage ${gaps.map((g) => g.resource).join(', ')} in namespace ${namespace}`;
      if (unknownForUnresolved(ctx, accessOf(ctx).unresolvedFor(tenant.name, namespace), question)) continue;
      for (const g of gaps) {
        ctx.fail('missing', { tenant: tenant.name, verbs: listText(g.missing, 8), resource: g.resource, namespace }, [
          { path: `${namespace}/${g.resource}`, actual: { missingVerbs: g.missing }, expected: `all of ${g.verbs.join(', ')} for some tenant subject` },
        ]);
      }
    }
  },
});
