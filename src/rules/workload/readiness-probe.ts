import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { WORKLOAD_TARGETS, isBatch, podSpecOrSkip } from './common.js';

/** Long-running regular containers need a readinessProbe; run-to-completion workloads do not. */
export default defineRule({
  meta: {
    id: 'workload/readiness-probe',
    title: 'Containers should have a readiness probe',
    description:
      'Without a readiness probe a Service sends traffic to a container as soon as it starts and keeps sending it while the container cannot serve, so rollouts and restarts drop requests. Checked on regular containers of long-running workloads; Jobs, CronJobs and Pods controlled by a Job are not applicable, and init containers are not checked.',
    remediation: 'Add a readinessProbe that succeeds only when the container can serve requests.',
    severity: 'low',
    category: 'reliability',
    references: [],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { missing: 'Container "{{container}}" has no readinessProbe' },
  },
  check(ctx) {
    if (isBatch(ctx.target)) {
      ctx.notApplicable(`${ctx.target.kind} runs to completion; readiness probes do not apply`);
      return;
    }
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      if (c.type !== 'containers') continue;
      if (c.container.readinessProbe == null) {
        ctx.fail('missing', { container: c.name }, [{ path: `${c.path}.readinessProbe`, actual: null, expected: 'a readiness probe' }]);
      }
    }
  },
});
