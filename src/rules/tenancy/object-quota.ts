import { defineRule } from '../../engine/rule.js';
import { mtbRef, specOf, tenantOrSkip } from './common.js';
import { quotaKeys } from './compute-quota.js';

export const OBJECT_COUNT_RESOURCES = [
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
] as const;

/** MTB-PL1-CC-FNS-2: object-count quotas per tenant namespace. */
export default defineRule({
  meta: {
    id: 'tenancy/object-quota',
    title: 'Tenant namespaces must limit object counts',
    description: 'Unbounded object creation (pods, secrets, configmaps, services, PVCs) fills etcd and the API server caches, a denial of service for every tenant.',
    remediation: `Add a ResourceQuota with count limits for ${OBJECT_COUNT_RESOURCES.join(', ')}.`,
    severity: 'low',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-CC-FNS-2')],
    targets: ['Namespace'],
    scope: 'namespace',
    context: 'namespace',
    requires: ['ResourceQuota'],
    messages: { missing: 'Tenant {{tenant}} namespace {{namespace}} has no count quota for {{resources}}' },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const ns = ctx.target.metadata.name;
    const keys = quotaKeys(ctx.snapshot.inNamespace(ns, 'ResourceQuota').map((q) => ({ spec: specOf(q) })));
    const missing = OBJECT_COUNT_RESOURCES.filter((r) => !keys.has(r) && !keys.has(`count/${r}`));
    if (missing.length > 0) {
      ctx.fail('missing', { tenant, namespace: ns, resources: missing.join(', ') }, [
        { path: 'ResourceQuota.spec.hard', actual: [...keys].sort(), expected: `count limits for ${OBJECT_COUNT_RESOURCES.join(', ')}` },
      ]);
    }
  },
});
