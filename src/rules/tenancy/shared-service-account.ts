import { defineRule } from '../../engine/rule.js';
import { subjectsOf } from '../../analysis/rbac.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import type { K8sObject } from '../../model/k8s.js';
import { realTenantOf, tenantOrSkip } from './common.js';

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

/** A tenant ServiceAccount bound in another tenant's namespaces is an identity shared by two tenants. */
export default defineRule({
  meta: {
    id: 'tenancy/shared-service-account',
    title: 'ServiceAccounts must not be shared across tenants',
    description:
      'Every pod that runs as a ServiceAccount holds its token; when that ServiceAccount also has rights in another tenant’s namespace, a compromise of one tenant’s pod is a foothold in the other.',
    remediation: 'Give each tenant its own ServiceAccounts and bind them only in the tenant’s namespaces.',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'MTB-PL1-CC-TI-2' }],
    targets: ['ServiceAccount'],
    scope: 'object',
    requires: ['RoleBinding'],
    messages: { shared: 'ServiceAccount of tenant {{tenant}} is bound by {{binding}} in tenant {{other}}' },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const { name, namespace } = ctx.target.metadata;
    for (const rb of bindingsNaming(ctx.snapshot, namespace ?? '', name)) {
      const other = realTenantOf(ctx, rb.metadata.namespace);
      if (!other || other === tenant) continue;
      const binding = `RoleBinding/${rb.metadata.namespace}/${rb.metadata.name}`;
      ctx.fail('shared', { tenant, binding, other }, [{ path: binding, actual: `subjects include ServiceAccount ${namespace}/${name}`, expected: 'bindings in the tenant’s own namespaces only' }]);
    }
  },
});
