import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { accessOf, listText, targetTenant, tenantSubjectsThatCan, unknownForUnresolved } from './common.js';

/** A tenant that can patch its Namespace can relabel it: lower the PSA level or satisfy other tenants' namespaceSelectors. */
export default defineRule({
  meta: {
    id: 'tenancy/namespace-self-modification',
    title: 'Tenants must not modify their own Namespace objects',
    description:
      'Namespace labels carry the Pod Security Admission level and are what NetworkPolicy namespaceSelectors and tenant selectors match; a tenant that can update or patch its Namespace can turn off pod security or join another tenant’s allow-list (RBAC good practices, "Namespace modification").',
    remediation: 'Do not grant update/patch on namespaces to tenants (the built-in admin/edit roles do not); use a namespace-provisioning controller instead.',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'pending (namespace label bypass)' }],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'],
    messages: { modify: '{{subject}} of tenant {{tenant}} can {{verbs}} its Namespace {{namespace}}' },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    for (const namespace of tenant.namespaces) {
      const hits = new Map<string, { verbs: string[]; via: Set<string> }>();
      for (const verb of ['update', 'patch']) {
        // A Namespace is cluster-scoped; a RoleBinding inside the namespace also counts (the authorizer sees namespace=name).
        for (const h of tenantSubjectsThatCan(ctx, tenant.name, { verb, group: '', resource: 'namespaces', name: namespace, namespace })) {
          let e = hits.get(h.subject);
          if (!e) hits.set(h.subject, (e = { verbs: [], via: new Set() }));
          e.verbs.push(verb);
          for (const v of h.via) e.via.add(v);
        }
      }
      for (const [subject, e] of hits) {
        ctx.fail('modify', { subject, tenant: tenant.name, verbs: listText(e.verbs), namespace }, [
          { path: `Namespace/${namespace}`, actual: { subject, verbs: e.verbs, via: [...e.via] }, expected: 'no update or patch on its own Namespace' },
        ]);
      }
      unknownForUnresolved(ctx, accessOf(ctx).unresolvedFor(tenant.name, namespace), `whether tenant ${tenant.name} can update or patch Namespace ${namespace}`);
    }
  },
});
