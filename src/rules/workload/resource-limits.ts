import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_TARGETS, podSpecOrSkip, runtimeContainers } from './common.js';

/** Limits cap what one container can take from a shared node. */
export default defineRule({
  meta: {
    id: 'workload/resource-limits',
    title: 'Containers must set memory (and CPU) limits',
    description:
      'Without a memory limit one container can exhaust node memory and get neighbours OOM-killed; without a CPU limit it can monopolise CPU on a shared node. This rule requires a memory limit, and a CPU limit unless the rule option requireCpuLimit is false (default true: set it to false if you rely on CPU requests and fair sharing). Pod-level spec.resources.limits count.',
    remediation: 'Set resources.limits.memory (and resources.limits.cpu) on every container and init container, or pod-level spec.resources.limits.',
    severity: 'medium',
    category: 'reliability',
    references: [
      { framework: 'NSA', id: 'C-0270' },
      { framework: 'NSA', id: 'C-0271' },
    ],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { missing: 'Container "{{container}}" has no {{resources}} limit (resources.limits)' },
  },
  check(ctx) {
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    const required = ctx.options['requireCpuLimit'] === false ? ['memory'] : ['cpu', 'memory'];
    const podLimits = view.spec.resources?.limits ?? {};
    for (const c of runtimeContainers(view)) {
      const limits = c.container.resources?.limits ?? {};
      const missing = required.filter((r) => limits[r] === undefined && podLimits[r] === undefined);
      if (missing.length > 0) {
        ctx.fail('missing', { container: c.name, resources: missing.join(' and ') }, missing.map((r) => ({
          path: `${c.path}.resources.limits.${r}`,
          actual: null,
          expected: `a ${r} limit`,
        })));
      }
    }
  },
});
