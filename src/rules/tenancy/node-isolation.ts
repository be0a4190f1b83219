import type { V1PodSpec, V1Toleration } from '@kubernetes/client-node';
import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../engine/workloads.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { isRealTenant } from '../../analysis/tenants.js';
import { tenantOrSkip } from './common.js';

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

/** Tenant workloads placed on, or tolerating, nodes reserved for other tenants. */
export default defineRule({
  meta: {
    id: 'tenancy/node-isolation',
    title: 'Tenant workloads must not run on nodes reserved for other tenants',
    description:
      'Dedicated nodes (labelled and tainted with the tenant key) keep a tenant’s pods off shared kernels. A pod that selects or tolerates another tenant’s nodes defeats that boundary.',
    remediation: 'Select only the tenant’s own node pool and tolerate only its own taint; enforce it with an admission policy (e.g. PodNodeSelector / PodTolerationRestriction or a VAP).',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'pending (node isolation)' }],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    messages: {
      selectsOther: 'Pod of tenant {{tenant}} selects nodes reserved for tenant {{other}}',
      pinnedToOther: 'Pod of tenant {{tenant}} is pinned to node {{node}} reserved for tenant {{other}}',
      toleratesOther: 'Pod of tenant {{tenant}} tolerates the taint of nodes reserved for tenant {{other}}',
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
