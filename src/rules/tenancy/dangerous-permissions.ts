import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { subjectString } from '../../analysis/rbac.js';
import { accessOf, listText, mtbRef, targetTenant, unknownForUnresolved } from './common.js';

/** Tenant subjects with rights that reach past the tenant: cluster-wide secrets or exec, impersonation, node proxy, RBAC escalation. */
export default defineRule({
  meta: {
    id: 'tenancy/dangerous-permissions',
    title: 'Tenant subjects must not hold cluster-scoped or escalating permissions',
    description:
      'A tenant user or ServiceAccount that can read secrets or exec into pods cluster-wide, impersonate, bind or escalate roles, use nodes/proxy or create PersistentVolumes can break out of its tenant.',
    remediation: 'Grant tenants namespaced Roles through RoleBindings in their own namespaces; keep ClusterRoleBindings for platform identities.',
    severity: 'critical',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-CC-CPI-1'), { framework: 'CIS', id: '1.12 §5.1.8' }],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'],
    messages: { dangerous: '{{subject}} of tenant {{tenant}} can {{permissions}}' },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    const access = accessOf(ctx);
    for (const e of access.dangerous(tenant.name)) {
      ctx.fail('dangerous', { subject: subjectString(e.subject), tenant: tenant.name, permissions: listText(e.permissions, 4) }, [
        { path: `subjects[${subjectString(e.subject)}]`, actual: { permissions: e.permissions, via: e.via }, expected: 'no cluster-scoped or escalating permissions' },
      ]);
    }
    unknownForUnresolved(ctx, access.unresolvedFor(tenant.name), `whether tenant ${tenant.name}'s subjects hold cluster-scoped or escalating permissions`);
  },
});
