import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_TARGETS, podSpecOrSkip, runtimeContainers } from './common.js';

/** A writable root filesystem lets an intruder drop tools and persist changes inside the container. */
export default defineRule({
  meta: {
    id: 'workload/read-only-root-filesystem',
    title: 'Containers should run with a read-only root filesystem',
    description:
      'With a writable root filesystem an attacker who gets code execution can download tools, modify binaries and configuration, and hide changes until the container restarts. readOnlyRootFilesystem: true plus emptyDir mounts for the paths that need writes removes that. Regular and init containers are checked; Windows pods are not applicable (the field is not supported there).',
    remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes for the directories the process writes (e.g. /tmp).',
    severity: 'low',
    category: 'security',
    references: [{ framework: 'NSA', id: 'C-0017' }],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { writable: 'Container "{{container}}" does not set securityContext.readOnlyRootFilesystem=true' },
  },
  check(ctx) {
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    if (view.spec.os?.name === 'windows') {
      ctx.notApplicable('Windows pods cannot set readOnlyRootFilesystem');
      return;
    }
    for (const c of runtimeContainers(view)) {
      const value = c.container.securityContext?.readOnlyRootFilesystem;
      if (value !== true) {
        ctx.fail('writable', { container: c.name }, [{ path: `${c.path}.securityContext.readOnlyRootFilesystem`, actual: value ?? null, expected: 'true' }]);
      }
    }
  },
});
