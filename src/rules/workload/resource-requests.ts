import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_TARGETS, podSpecOrSkip, runtimeContainers } from './common.js';

const RESOURCES = ['cpu', 'memory'] as const;

/** Requests are what the scheduler reserves; without them a pod can starve its neighbours. */
export default defineRule({
  meta: {
    id: 'workload/resource-requests',
    title: 'Containers must request CPU and memory',
    description:
      'Without CPU and memory requests the scheduler places pods blind, the pod gets BestEffort QoS and is evicted first, and one tenant can starve its neighbours on a shared node. A request counts when set on the container, defaulted from its limit by the API server, or set at pod level (spec.resources).',
    remediation: 'Set resources.requests.cpu and resources.requests.memory on every container and init container (or pod-level spec.resources.requests).',
    severity: 'medium',
    category: 'reliability',
    references: [],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { missing: 'Container "{{container}}" has no {{resources}} request (resources.requests)' },
  },
  check(ctx) {
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    const podRequests = view.spec.resources?.requests ?? {};
    for (const c of runtimeContainers(view)) {
      const requests = c.container.resources?.requests ?? {};
      const limits = c.container.resources?.limits ?? {};
      // The API server defaults a missing request to the container's limit.
      const missing = RESOURCES.filter((r) => requests[r] === undefined && limits[r] === undefined && podRequests[r] === undefined);
      if (missing.length > 0) {
        ctx.fail('missing', { container: c.name, resources: missing.join(' and ') }, missing.map((r) => ({
          path: `${c.path}.resources.requests.${r}`,
          actual: null,
          expected: `a ${r} request`,
        })));
      }
    }
  },
});
