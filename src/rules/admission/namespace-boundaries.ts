import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../engine/workloads.js';
import { globMatch } from '../../engine/glob.js';
import { cis } from '../control-plane/common.js';

/**
 * CIS 5.6.1 (heuristic): user workloads should be split into namespaces, not all run in
 * `default`. Pods owned by a controller are counted through the controller.
 */
export default defineRule({
  meta: {
    id: 'admission/namespace-boundaries',
    title: 'Workloads should be separated by namespaces',
    description: 'Namespaces are the boundary for RBAC, quotas, network policies and Pod Security; workloads that all share `default` share every one of those boundaries.',
    remediation: 'Create a namespace per application or team and move workloads out of `default`.',
    severity: 'low',
    category: 'security',
    references: [cis('5.6.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { onlyDefault: '{{count}} user workload(s) run in the default namespace and no other user namespace has workloads' },
  },
  check(ctx) {
    const system = [...ctx.config.tenancy.systemNamespaces, ctx.config.selfNamespace];
    const byNs = new Map<string, number>();
    for (const kind of WORKLOAD_KINDS) {
      for (const o of ctx.snapshot.ofKind(kind)) {
        const ns = o.metadata.namespace ?? 'default';
        if (system.some((g) => globMatch(g, ns)) || (o.metadata.ownerReferences ?? []).length > 0) continue;
        byNs.set(ns, (byNs.get(ns) ?? 0) + 1);
      }
    }
    if (byNs.size === 0) return ctx.notApplicable('no user workloads');
    const evidence = [{ path: 'workloads by namespace', actual: Object.fromEntries(byNs), expected: 'user workloads in dedicated namespaces' }];
    if (byNs.size === 1 && byNs.has('default')) ctx.fail('onlyDefault', { count: byNs.get('default')! }, evidence);
    else ctx.pass(undefined, {}, evidence);
  },
});
