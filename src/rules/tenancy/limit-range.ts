import { defineRule } from '../../engine/rule.js';
import { isRecord } from '../../model/k8s.js';
import { specOf, tenantOrSkip } from './common.js';

/** With a compute quota, pods without requests are rejected; a LimitRange gives them defaults and caps. */
export default defineRule({
  meta: {
    id: 'tenancy/limit-range',
    title: 'Tenant namespaces must have a LimitRange with container defaults',
    description:
      'A LimitRange gives containers default requests and limits and caps single pods, so one pod cannot take a whole quota or a whole node.',
    remediation: 'Add a LimitRange of type Container with default and defaultRequest for cpu and memory to each tenant namespace.',
    severity: 'low',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'MTB-PL1-CC-FNS-1 (related)' }],
    targets: ['Namespace'],
    scope: 'namespace',
    context: 'namespace',
    requires: ['LimitRange'],
    messages: {
      missing: 'Tenant {{tenant}} namespace {{namespace}} has no LimitRange',
      noDefaults: 'LimitRange in tenant {{tenant}} namespace {{namespace}} sets no container defaults',
    },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const ns = ctx.target.metadata.name;
    const ranges = ctx.snapshot.inNamespace(ns, 'LimitRange');
    if (ranges.length === 0) {
      ctx.fail('missing', { tenant, namespace: ns }, [{ path: 'LimitRange', actual: 'none', expected: 'a LimitRange of type Container' }]);
      return;
    }
    const hasDefaults = ranges.some((r) => {
      const limits = specOf(r)['limits'];
      return Array.isArray(limits) && limits.some((l) => isRecord(l) && l['type'] === 'Container' && (isRecord(l['default']) || isRecord(l['defaultRequest'])));
    });
    if (!hasDefaults) {
      ctx.fail('noDefaults', { tenant, namespace: ns }, [
        { path: 'LimitRange.spec.limits', actual: ranges.map((r) => r.metadata.name), expected: 'type Container with default / defaultRequest' },
      ]);
    }
  },
});
