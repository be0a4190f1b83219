import { defineRule } from '../../engine/rule.js';
import { mtbRef, specOf, tenantOrSkip } from './common.js';

export const COMPUTE_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

/** The union of `spec.hard` keys of every ResourceQuota in a namespace. */
export function quotaKeys(quotas: readonly { [k: string]: unknown }[]): Set<string> {
  const keys = new Set<string>();
  for (const q of quotas) {
    const spec = (q['spec'] ?? {}) as { hard?: Record<string, unknown> };
    for (const k of Object.keys(spec.hard ?? {})) keys.add(k);
  }
  return keys;
}

/** MTB-PL1-CC-FNS-1: cpu, memory and ephemeral-storage quotas per tenant namespace. */
export default defineRule({
  meta: {
    id: 'tenancy/compute-quota',
    title: 'Tenant namespaces must have cpu, memory and ephemeral-storage quotas',
    description: 'Without compute quotas one tenant can consume the nodes’ CPU, memory or local disk and starve the others (noisy neighbour, eviction storms).',
    remediation: 'Add a ResourceQuota with requests/limits for cpu and memory and ephemeral-storage to every tenant namespace.',
    severity: 'medium',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-CC-FNS-1')],
    targets: ['Namespace'],
    scope: 'namespace',
    context: 'namespace',
    requires: ['ResourceQuota'],
    messages: { missing: 'Tenant {{tenant}} namespace {{namespace}} has no quota on {{resources}}' },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const ns = ctx.target.metadata.name;
    const keys = quotaKeys(ctx.snapshot.inNamespace(ns, 'ResourceQuota').map((q) => ({ spec: specOf(q) })));
    // As kubectl-mtb: `requests.cpu`, `limits.cpu` and `cpu` all count (substring of the key).
    const missing = COMPUTE_RESOURCES.filter((r) => ![...keys].some((k) => k === r || k.endsWith(`.${r}`)));
    if (missing.length > 0) {
      ctx.fail('missing', { tenant, namespace: ns, resources: missing.join(', ') }, [
        { path: 'ResourceQuota.spec.hard', actual: [...keys].sort(), expected: `keys for ${COMPUTE_RESOURCES.join(', ')}` },
      ]);
    }
  },
});
