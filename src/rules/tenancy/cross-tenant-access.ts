import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { subjectString } from '../../analysis/rbac.js';
import { isRealTenant } from '../../analysis/tenants.js';
import { EVERYONE } from '../../analysis/access.js';
import { accessOf, listText, mtbRef, targetTenant, unknownForUnresolved } from './common.js';

/** Subjects of other tenants that RBAC lets read, write, exec or escalate inside this tenant. */
export default defineRule({
  meta: {
    id: 'tenancy/cross-tenant-access',
    title: 'Other tenants’ subjects must not act in a tenant’s namespaces',
    description:
      'A RoleBinding (or ClusterRoleBinding) that grants another tenant’s user, group or ServiceAccount rights in this tenant’s namespaces lets that tenant read its secrets, change or exec into its workloads.',
    remediation: 'Remove the binding, or bind only the tenant’s own subjects in its namespaces.',
    severity: 'critical',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-CC-TI-2')],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'],
    messages: {
      access: '{{subject}} of tenant {{source}} can {{channels}} in namespace {{namespace}} ({{verbs}})',
      everyone: '{{subject}} (every tenant’s users or ServiceAccounts) can {{channels}} in namespace {{namespace}} ({{verbs}})',
      boundServiceAccount: 'ServiceAccount {{subject}} of tenant {{source}} is bound by {{binding}}',
    },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    const access = accessOf(ctx);
    for (const e of access.accessibleBy(tenant.name)) {
      if (e.subjectTenant === EVERYONE) {
        ctx.fail(
          'everyone',
          { subject: subjectString(e.subject), channels: e.channels.join('/'), namespace: e.namespace, verbs: listText(e.verbs) },
          [{ path: `accessibleBy[${subjectString(e.subject)}].${e.namespace}`, actual: { verbs: e.verbs, via: e.via }, expected: 'no rights for groups that include other tenants' }],
        );
        continue;
      }
      if (!isRealTenant(e.subjectTenant)) continue;
      ctx.fail(
        'access',
        { subject: subjectString(e.subject), source: e.subjectTenant ?? '', channels: e.channels.join('/'), namespace: e.namespace, verbs: listText(e.verbs) },
        [
          {
            path: `accessibleBy[${subjectString(e.subject)}].${e.namespace}`,
            actual: { verbs: e.verbs, via: e.via, ...(e.home !== undefined ? { home: `tenant ${e.subjectTenant ?? ''}: ${e.home}` } : {}) },
            expected: 'no rights for subjects of other tenants',
          },
        ],
      );
    }
    for (const b of access.crossBoundServiceAccounts(tenant.name)) {
      const binding = `RoleBinding/${b.binding.namespace}/${b.binding.name}`;
      ctx.fail('boundServiceAccount', { subject: `${b.subject.namespace}/${b.subject.name}`, source: b.subjectTenant, binding }, [
        { path: binding, actual: `ServiceAccount ${b.subject.namespace}/${b.subject.name}`, expected: `subjects of tenant ${tenant.name} only` },
      ]);
    }
    unknownForUnresolved(ctx, access.unresolvedFrom(tenant.name), `whether other tenants' subjects can act in tenant ${tenant.name}'s namespaces`);
  },
});
