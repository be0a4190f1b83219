import type { V1PodSpec, V1Toleration } from '@kubernetes/client-node';
import { defineRule, type RuleContext } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf, type PodSpecView } from '../../engine/workloads.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { isRealTenant } from '../../analysis/tenants.js';
import { isolationOf, tenantOrSkip } from './common.js';

/** Tenants for which a node is reserved: the tenant label on the node, or a taint keyed by it. */
function reservedFor(node: K8sObject, key: string): string[] {
  const out = new Set<string>();
  const label = node.metadata.labels?.[key];
  if (label) out.add(label);
  const spec = isRecord(node['spec']) ? node['spec'] : {};
  for (const t of Array.isArray(spec['taints']) ? spec['taints'] : []) {
    if (isRecord(t) && t['key'] === key && typeof t['value'] === 'string') out.add(t['value']);
  }
  return [...out];
}

/** Tenants whose node reservation the pod spec selects (nodeSelector, required node affinity In). */
function selectedTenants(spec: V1PodSpec, key: string): { tenants: string[]; path: string }[] {
  const out: { tenants: string[]; path: string }[] = [];
  const sel = spec.nodeSelector?.[key];
  if (sel) out.push({ tenants: [sel], path: `nodeSelector["${key}"]` });
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  terms.forEach((term, i) => {
    (term.matchExpressions ?? []).forEach((e, j) => {
      if (e.key === key && e.operator === 'In') out.push({ tenants: e.values ?? [], path: `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}].matchExpressions[${j}]` });
    });
  });
  return out;
}

function tolerates(t: V1Toleration, key: string, tenant: string): boolean {
  if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === key;
  return t.key === key && t.value === tenant;
}

const SCHEDULE_EFFECTS = new Set(['NoSchedule', 'NoExecute']);

/** True when the node carries a taint `key=tenant` that keeps other pods off (NoSchedule / NoExecute). */
function taintedFor(node: K8sObject, key: string, tenant: string): boolean {
  const spec = isRecord(node['spec']) ? node['spec'] : {};
  return (Array.isArray(spec['taints']) ? spec['taints'] : []).some(
    (t) => isRecord(t) && t['key'] === key && t['value'] === tenant && typeof t['effect'] === 'string' && SCHEDULE_EFFECTS.has(t['effect']),
  );
}

/**
 * Tenant workloads placed on, or tolerating, nodes reserved for other tenants. Hard tenants must in
 * addition run only on their own pool (selected by nodeSelector or required affinity, or pinned to a
 * reserved node), and that pool's nodes must be tainted so no other tenant's pod lands there.
 */
export default defineRule({
  meta: {
    id: 'tenancy/node-isolation',
    title: 'Tenant workloads must not run on nodes reserved for other tenants (hard tenants: only on their own tainted pool)',
    description:
      'Dedicated nodes (labelled and tainted with the tenant key) keep a tenant’s pods off shared kernels. A pod that selects or tolerates another tenant’s nodes defeats that boundary. A tenant with the hard isolation profile must also be placed on its own pool (nodeSelector or required node affinity), and the pool must be tainted so no other pod is scheduled beside it.',
    remediation:
      'Select only the tenant’s own node pool and tolerate only its own taint; for hard tenants label and taint a pool (<key>=<tenant>, NoSchedule) and select it from every pod. Enforce it with an admission policy (e.g. PodNodeSelector / PodTolerationRestriction or a VAP).',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'pending (node isolation)' }, { framework: 'MITRE ATT&CK', id: 'T1611 Escape to Host' }],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    context: 'namespace',
    messages: {
      selectsOther: 'Pod of tenant {{tenant}} selects nodes reserved for tenant {{other}}',
      pinnedToOther: 'Pod of tenant {{tenant}} is pinned to node {{node}} reserved for tenant {{other}}',
      toleratesOther: 'Pod of tenant {{tenant}} tolerates the taint of nodes reserved for tenant {{other}}',
      notDedicated: 'Pod of hard-isolated tenant {{tenant}} does not select the tenant’s own nodes ({{keys}})',
      poolNotTainted: 'Node {{node}} of hard-isolated tenant {{tenant}} has no {{key}}={{tenant}} NoSchedule taint: other tenants’ pods can be scheduled there',
    },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const view = podSpecOf(ctx.target);
    if (!view) return;
    // Node pools are marked with the tenant label key or `<key>-pool` (option `nodeKeys` overrides).
    const configured = ctx.options['nodeKeys'];
    const keys = Array.isArray(configured) ? configured.filter((k): k is string => typeof k === 'string') : [ctx.config.tenancy.labelKey, `${ctx.config.tenancy.labelKey}-pool`];
    const others = (names: string[]): string[] => names.filter((t) => t !== tenant && isRealTenant(t));
    if (isolationOf(ctx, tenant) === 'hard') checkDedicated(ctx, view, tenant, keys);
    for (const key of keys) {
      const reservations = new Map<string, string[]>();
      for (const n of ctx.snapshot.ofKind('Node')) reservations.set(n.metadata.name, reservedFor(n, key));
      for (const s of selectedTenants(view.spec, key)) {
        const o = others(s.tenants);
        if (o.length > 0) ctx.fail('selectsOther', { tenant, other: o.join(', ') }, [{ path: `${view.path}.${s.path}`, actual: s.tenants, expected: tenant }]);
      }
      const nodeName = view.spec.nodeName;
      if (nodeName) {
        const o = others(reservations.get(nodeName) ?? []);
        if (o.length > 0) ctx.fail('pinnedToOther', { tenant, node: nodeName, other: o.join(', ') }, [{ path: `${view.path}.nodeName`, actual: nodeName, expected: `a node of tenant ${tenant} or a shared node` }]);
      }
      const tainted = new Set<string>();
      for (const n of ctx.snapshot.ofKind('Node')) {
        const spec = isRecord(n['spec']) ? n['spec'] : {};
        for (const t of Array.isArray(spec['taints']) ? spec['taints'] : []) {
          if (isRecord(t) && t['key'] === key && typeof t['value'] === 'string') tainted.add(t['value']);
        }
      }
      (view.spec.tolerations ?? []).forEach((t, i) => {
        const o = others([...tainted].filter((x) => tolerates(t, key, x)));
        if (o.length > 0) ctx.fail('toleratesOther', { tenant, other: o.join(', ') }, [{ path: `${view.path}.tolerations[${i}]`, actual: t, expected: `tolerate only ${key}=${tenant}` }]);
      });
    }
  },
});


/** Hard tenants: selected onto (or pinned to) the tenant's own pool, whose nodes carry the tenant's taint. */
function checkDedicated(ctx: RuleContext<'notDedicated' | 'poolNotTainted'>, view: PodSpecView, tenant: string, keys: readonly string[]): void {
  const nodes = ctx.snapshot.ofKind('Node');
  const selected = keys.flatMap((key) => selectedTenants(view.spec, key).filter((s) => s.tenants.length > 0 && s.tenants.every((t) => t === tenant)).map((s) => ({ key, path: s.path })));
  const pinned = view.spec.nodeName ? nodes.find((n) => n.metadata.name === view.spec.nodeName) : undefined;
  const pinnedKey = pinned ? keys.find((k) => reservedFor(pinned, k).includes(tenant)) : undefined;
  if (selected.length === 0 && pinnedKey === undefined) {
    ctx.fail('notDedicated', { tenant, keys: keys.map((k) => `${k}=${tenant}`).join(' or ') }, [
      { path: `${view.path}.nodeSelector`, actual: view.spec.nodeSelector ?? null, expected: `nodeSelector or required node affinity ${keys.map((k) => `${k}=${tenant}`).join(' or ')}` },
    ]);
    return;
  }
  // The pool's nodes (offline inputs often hold none: nothing to judge then).
  const key = pinnedKey ?? selected[0]!.key;
  const pool = pinned && pinnedKey ? [pinned] : nodes.filter((n) => n.metadata.labels?.[key] === tenant);
  if (pool.length === 0 && ctx.snapshot.gapFor('Node')) {
    ctx.unknown(`Nodes could not be read: whether tenant ${tenant}'s pool is tainted is not known`);
    return;
  }
  for (const n of pool) {
    if (!taintedFor(n, key, tenant)) {
      ctx.fail('poolNotTainted', { node: n.metadata.name, tenant, key }, [{ path: `Node/${n.metadata.name}.spec.taints`, actual: (isRecord(n['spec']) ? n['spec']['taints'] : undefined) ?? null, expected: `a taint ${key}=${tenant}:NoSchedule` }]);
    }
  }
}
