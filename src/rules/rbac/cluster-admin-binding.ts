import { defineRule } from '../../engine/rule.js';
import { isSystemRbacObject, roleRefOf, subjectsOf } from '../../analysis/rbac.js';
import { objectRef, refString } from '../../model/k8s.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, SYSTEM_EXCLUDED, scopeText, subjectsText } from './common.js';

/**
 * CIS 5.1.1. Any non-bootstrap binding to the cluster-admin ClusterRole (the bootstrap
 * `cluster-admin` → system:masters binding is excluded with the other system RBAC).
 */
export default defineRule({
  meta: {
    id: 'rbac/cluster-admin-binding',
    title: 'cluster-admin should only be bound where required',
    description:
      'cluster-admin allows every action on every resource. Each binding to it is a subject whose compromise is a full cluster compromise; through a RoleBinding it still gives full control of the namespace, including its Secrets and RBAC.',
    remediation: 'Replace bindings to cluster-admin with roles that grant only what the subject needs; keep cluster-admin for break-glass access.',
    severity: 'high',
    category: 'security',
    references: [cis('5.1.1')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    messages: { clusterAdmin: 'cluster-admin is bound to {{subjects}} {{scope}}' },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.target);
    if (ref?.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return;
    // cluster-admin always exists in a cluster, so offline manifests need not contain it.
    const binding = ctx.target;
    if (ctx.config.rules.excludeSystemRbac && isSystemRbacObject(binding)) return ctx.notApplicable(SYSTEM_EXCLUDED);
    if (subjectsOf(binding).length === 0) return ctx.notApplicable('the binding has no subjects');
    ctx.fail('clusterAdmin', { subjects: subjectsText(binding), scope: scopeText(binding) }, [
      { path: `${refString(objectRef(binding))} roleRef`, actual: 'ClusterRole/cluster-admin', expected: 'a least-privilege role' },
    ]);
  },
});
