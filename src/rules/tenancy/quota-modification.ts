import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { accessOf, listText, mtbRef, targetTenant, tenantSubjectsThatCan, unknownForUnresolved } from './common.js';

const VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
const RESOURCES = ['resourcequotas', 'limitranges'] as const;

/** MTB-PL1-CC-TI-1: a tenant that edits its own quota has no quota. */
export default defineRule({
  meta: {
    id: 'tenancy/quota-modification',
    title: 'Tenants must not modify their ResourceQuotas or LimitRanges',
    description: 'Quotas and limit ranges are the platform’s fairness guardrails; a tenant that can create, change or delete them can starve the other tenants.',
    remediation: 'Give tenants `view` on resourcequotas and limitranges at most; write access stays with platform administrators.',
    severity: 'high',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-CC-TI-1')],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'],
    messages: { modify: '{{subject}} of tenant {{tenant}} can {{verbs}} {{resource}} in namespace {{namespace}}' },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    for (const namespace of tenant.namespaces) {
      for (const resource of RESOURCES) {
        const hits = new Map<string, { verbs: string[]; via: Set<string> }>();
        for (const verb of VERBS) {
          for (const h of tenantSubjectsThatCan(ctx, tenant.name, { verb, group: '', resource, namespace })) {
            let e = hits.get(h.subject);
            if (!e) hits.set(h.subject, (e = { verbs: [], via: new Set() }));
            e.verbs.push(verb);
            for (const v of h.via) e.via.add(v);
          }
        }
        for (const [subject, e] of hits) {
          ctx.fail('modify', { subject, tenant: tenant.name, verbs: listText(e.verbs, 5), resource, namespace }, [
            { path: `${namespace}/${resource}`, actual: { subject, verbs: e.verbs, via: [...e.via] }, expected: 'no create/update/patch/delete/deletecollection' },
          ]);
        }
      }
      unknownForUnresolved(ctx, accessOf(ctx).unresolvedFor(tenant.name, namespace), `whether tenant ${tenant.name} can modify resourcequotas or limitranges in namespace ${namespace}`);
    }
  },
});
