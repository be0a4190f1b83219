import { defineRule } from '../../engine/rule.js';
import { subjectsOf } from '../../analysis/rbac.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import type { K8sObject } from '../../model/k8s.js';
import { tenantModelFor } from '../../analysis/tenants.js';
import { isolationOf, realTenantOf, tenantOrSkip } from './common.js';

/** RoleBindings by the ServiceAccounts they name (`namespace/name`), per snapshot. */
const bySa = new WeakMap<Snapshot, Map<string, K8sObject[]>>();

function bindingsNaming(snapshot: Snapshot, namespace: string, name: string): readonly K8sObject[] {
  let idx = bySa.get(snapshot);
  if (!idx) {
    idx = new Map();
    for (const rb of snapshot.ofKind('RoleBinding')) {
      for (const s of subjectsOf(rb)) {
        if (s.kind !== 'ServiceAccount') continue;
        const k = `${s.namespace ?? ''}/${s.name}`;
        const list = idx.get(k);
        if (list) list.push(rb);
        else idx.set(k, [rb]);
      }
    }
    bySa.set(snapshot, idx);
  }
  return idx.get(`${namespace}/${name}`) ?? [];
}

/**
 * A tenant ServiceAccount bound in another tenant's namespaces is an identity shared by two tenants.
 * For a hard tenant any RoleBinding outside its namespaces counts: a platform or unassigned
 * namespace is shared ground that other tenants' workloads can reach too.
 */
export default defineRule({
  meta: {
    id: 'tenancy/shared-service-account',
    title: 'ServiceAccounts must not be shared across tenants',
    description:
      'Every pod that runs as a ServiceAccount holds its token; when that ServiceAccount also has rights in another tenant’s namespace, a compromise of one tenant’s pod is a foothold in the other. For a tenant with the hard isolation profile, a binding in any namespace outside the tenant (unassigned or platform namespaces included) fails too.',
    remediation: 'Give each tenant its own ServiceAccounts and bind them only in the tenant’s namespaces.',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'MTB-PL1-CC-TI-2' }],
    targets: ['ServiceAccount'],
    scope: 'object',
    requires: ['RoleBinding'],
    messages: {
      shared: 'ServiceAccount of tenant {{tenant}} is bound by {{binding}} in tenant {{other}}',
      boundOutside: 'ServiceAccount of hard-isolated tenant {{tenant}} is bound by {{binding}} outside the tenant (namespace group {{group}})',
    },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const { name, namespace } = ctx.target.metadata;
    const hard = isolationOf(ctx, tenant) === 'hard';
    for (const rb of bindingsNaming(ctx.snapshot, namespace ?? '', name)) {
      const binding = `RoleBinding/${rb.metadata.namespace}/${rb.metadata.name}`;
      const evidence = [{ path: binding, actual: `subjects include ServiceAccount ${namespace}/${name}`, expected: 'bindings in the tenant’s own namespaces only' }];
      const other = realTenantOf(ctx, rb.metadata.namespace);
      if (other && other !== tenant) ctx.fail('shared', { tenant, binding, other }, evidence);
      else if (!other && hard) ctx.fail('boundOutside', { tenant, binding, group: tenantModelFor(ctx.snapshot, ctx.config).tenantOf(rb.metadata.namespace) ?? 'unassigned' }, evidence);
    }
  },
});
