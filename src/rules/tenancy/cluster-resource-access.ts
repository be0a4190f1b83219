import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { CLUSTER_RESOURCES, MTB_VERBS } from '../../analysis/access.js';
import { accessOf, listText, mtbRef, targetTenant, tenantSubjectsThatCan, unknownForUnresolved } from './common.js';

/** MTB-PL1-CC-CPI-1 offline: every cluster-scoped resource × the eight verbs the benchmark names. */
export default defineRule({
  meta: {
    id: 'tenancy/cluster-resource-access',
    title: 'Tenants must not access cluster-scoped resources',
    description:
      'Nodes, Namespaces, PersistentVolumes, ClusterRoles, CRDs, webhooks and other cluster-scoped objects are shared by every tenant; a tenant that can read or change them sees or affects the others. The benchmark names eight verbs; the retired kubectl-mtb asked only get and update.',
    remediation: 'Remove ClusterRoleBindings that give tenant subjects rights on cluster-scoped resources.',
    severity: 'high',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-CC-CPI-1')],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'],
    messages: { access: '{{subject}} of tenant {{tenant}} can {{verbs}} {{resource}}' },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    for (const r of CLUSTER_RESOURCES) {
      const bySubject = new Map<string, { verbs: string[]; via: Set<string> }>();
      for (const verb of MTB_VERBS) {
        for (const hit of tenantSubjectsThatCan(ctx, tenant.name, { verb, group: r.group, resource: r.resource })) {
          let e = bySubject.get(hit.subject);
          if (!e) bySubject.set(hit.subject, (e = { verbs: [], via: new Set() }));
          e.verbs.push(verb);
          for (const v of hit.via) e.via.add(v);
        }
      }
      const resource = r.group ? `${r.resource}.${r.group}` : r.resource;
      for (const [subject, e] of bySubject) {
        ctx.fail('access', { subject, tenant: tenant.name, verbs: listText(e.verbs, 8), resource }, [
          { path: `${resource}`, actual: { subject, verbs: e.verbs, via: [...e.via] }, expected: `no access for tenant ${tenant.name}` },
        ]);
      }
    }
    // Without a finding, a ClusterRoleBinding whose role is not in the input leaves the answer open.
    unknownForUnresolved(ctx, accessOf(ctx).unresolvedFor(tenant.name), `whether tenant ${tenant.name} can access cluster-scoped resources`);
  },
});
