import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { WORKLOAD_TARGETS, isBatch, podSpecOrSkip } from './common.js';

/** Long-running regular containers need a livenessProbe; run-to-completion workloads do not. */
export default defineRule({
  meta: {
    id: 'workload/liveness-probe',
    title: 'Containers should have a liveness probe',
    description:
      'Without a liveness probe the kubelet cannot restart a container that hangs without exiting (deadlock, stuck event loop); it keeps receiving traffic or holding its slot until someone notices. Checked on regular containers of long-running workloads; Jobs, CronJobs and Pods controlled by a Job are not applicable, and init containers are not checked.',
    remediation: 'Add a livenessProbe (httpGet, tcpSocket, grpc or exec) that fails when the process is stuck; keep it cheaper and more tolerant than the readiness probe.',
    severity: 'low',
    category: 'reliability',
    references: [],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { missing: 'Container "{{container}}" has no livenessProbe' },
  },
  check(ctx) {
    if (isBatch(ctx.target)) {
      ctx.notApplicable(`${ctx.target.kind} runs to completion; liveness probes do not apply`);
      return;
    }
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      if (c.type !== 'containers') continue;
      if (c.container.livenessProbe == null) {
        ctx.fail('missing', { container: c.name }, [{ path: `${c.path}.livenessProbe`, actual: null, expected: 'a liveness probe' }]);
      }
    }
  },
});
