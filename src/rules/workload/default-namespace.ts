import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_TARGETS } from './common.js';

/** CIS 5.6.4: the default namespace has no owner, no quota and usually no policies. */
export default defineRule({
  meta: {
    id: 'workload/default-namespace',
    title: 'Workloads should not run in the default namespace',
    description:
      "The default namespace belongs to no team or tenant: it rarely has quotas, NetworkPolicies, Pod Security labels or RBAC boundaries, and whatever lands there shares them. A manifest without metadata.namespace goes wherever it is applied, so offline it is reported unknown.",
    remediation: 'Create a namespace per application or team and deploy there; keep default empty.',
    severity: 'low',
    category: 'tenancy',
    references: [{ framework: 'CIS', id: '1.12 §5.6.4' }],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { defaultNamespace: '{{kind}} "{{name}}" runs in the default namespace' },
  },
  check(ctx) {
    const ns = ctx.target.metadata.namespace;
    if (ns === undefined || ns === '') {
      ctx.unknown('The manifest sets no metadata.namespace: it lands in whatever namespace it is applied to');
      return;
    }
    if (ns !== 'default') return;
    ctx.fail('defaultNamespace', { kind: ctx.target.kind, name: ctx.target.metadata.name }, [
      { path: 'metadata.namespace', actual: 'default', expected: 'a dedicated namespace' },
    ]);
  },
});
