import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { tenantModelFor } from '../../analysis/tenants.js';
import { mtbRef, targetTenant } from './common.js';

/**
 * The user/group analogue of tenancy/shared-service-account: a user or group with rights in the
 * namespaces of two or more tenants and no home tenant that can be inferred (docs/tenancy.md) acts
 * for all of them, so nothing it does stays inside one tenant.
 */
export default defineRule({
  meta: {
    id: 'tenancy/shared-subject',
    title: 'Users and groups must belong to one tenant',
    description:
      'A user or group bound in the namespaces of several tenants, with no home tenant declared (tenants[].subjects) or inferable from its grants, is an identity the tenants share: whoever holds it reads and changes all of them, and no tenant owns it.',
    remediation: 'Declare the subject in its tenant’s `subjects` in palisade.yaml, or remove its bindings in the other tenants’ namespaces (a team’s group bound into another team’s namespace “for debugging” is the usual case).',
    severity: 'high',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-CC-TI-2')],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['RoleBinding', 'Role', 'ClusterRole'],
    messages: { shared: '{{subject}} has rights in tenants {{tenants}} and no home tenant: {{reason}}' },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    for (const s of tenantModelFor(ctx.snapshot, ctx.config).sharedSubjects()) {
      if (!s.tenants.includes(tenant.name)) continue;
      const subject = `${s.kind} ${s.name}`;
      ctx.fail('shared', { subject, tenants: s.tenants.join(', '), reason: s.reason }, [
        { path: `subjects[${subject}]`, actual: { tenants: s.tenants, bindings: s.bindings }, expected: 'one home tenant: declared in tenants[].subjects, or bound in one tenant only' },
      ]);
    }
  },
});
