import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { WORKLOAD_TARGETS, defaultPullPolicy, podSpecOrSkip } from './common.js';

/** MTB DI-1: with a cached image, a tenant's pod can run another tenant's private image without its pull secret. */
export default defineRule({
  meta: {
    id: 'workload/image-pull-policy',
    title: 'imagePullPolicy should be Always on shared clusters',
    description:
      "With IfNotPresent or Never the kubelet starts a container from the node's image cache without checking the pod's pull credentials, so one tenant can run a private image another tenant pulled (MTB-PL1-CC-DI-1). An unset policy is evaluated as the API server defaults it: Always for :latest or untagged images, IfNotPresent otherwise (digests included). The AlwaysPullImages admission plugin enforces this cluster-wide.",
    remediation: 'Set imagePullPolicy: Always on every container, or enable the AlwaysPullImages admission plugin.',
    severity: 'low',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'MTB-PL1-CC-DI-1' }],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { notAlways: 'Container "{{container}}" has imagePullPolicy {{policy}}' },
  },
  check(ctx) {
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      const explicit = c.container.imagePullPolicy;
      const policy = explicit || defaultPullPolicy(c.container.image ?? '');
      if (policy !== 'Always') {
        ctx.fail('notAlways', { container: c.name, policy: explicit ? policy : `${policy} (defaulted)` }, [
          { path: `${c.path}.imagePullPolicy`, actual: explicit ?? `unset (defaults to ${policy})`, expected: 'Always' },
        ]);
      }
    }
  },
});
