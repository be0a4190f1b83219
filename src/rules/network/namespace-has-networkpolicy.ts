import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS } from '../../engine/workloads.js';
import { cis } from '../control-plane/common.js';

/** Cluster-wide policy kinds that can isolate every namespace (AdminNetworkPolicy, Cilium, Calico). */
const CLUSTER_POLICY_KINDS = ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy'];
const NAMESPACED_POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy'];

/** CIS 5.3.2: every namespace that runs workloads has a network policy. */
export default defineRule({
  meta: {
    id: 'network/namespace-has-networkpolicy',
    title: 'Every namespace with workloads must have a NetworkPolicy',
    description: 'Without any NetworkPolicy, every pod in the namespace accepts traffic from every pod in the cluster and can reach anything.',
    remediation: 'Add a default-deny NetworkPolicy (ingress and egress) to the namespace and allow the flows it needs.',
    severity: 'medium',
    category: 'security',
    references: [cis('5.3.2')],
    targets: ['Namespace'],
    scope: 'namespace',
    context: 'namespace',
    requires: ['NetworkPolicy'],
    messages: { none: 'Namespace {{namespace}} has workloads but no NetworkPolicy' },
  },
  check(ctx) {
    const ns = ctx.target.metadata.name;
    const s = ctx.snapshot;
    const workloads = WORKLOAD_KINDS.reduce((n, k) => n + s.inNamespace(ns, k).length, 0);
    if (workloads === 0) return ctx.notApplicable('the namespace runs no workloads');
    const own = NAMESPACED_POLICY_KINDS.flatMap((k) => s.inNamespace(ns, k).map((p) => `${k}/${p.metadata.name}`));
    const global = CLUSTER_POLICY_KINDS.flatMap((k) => s.ofKind(k).map((p) => `${k}/${p.metadata.name}`));
    const evidence = [{ path: `namespace ${ns} policies`, actual: [...own, ...global].slice(0, 10), expected: 'at least one NetworkPolicy' }];
    if (own.length === 0 && global.length === 0) ctx.fail('none', { namespace: ns }, evidence);
    else ctx.pass(undefined, {}, evidence);
  },
});
