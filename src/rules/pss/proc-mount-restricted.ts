import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, containerSecurityContext, isSet, pssRef, pssSubject } from './common.js';

/** PSS restricted "/proc Mount Type" (PSA check `procMount_restricted`, v1.35+): no user-namespace relaxation. */
export default defineRule({
  meta: {
    id: 'pss/proc-mount-restricted',
    title: 'Containers must use the default /proc mount, even in a user namespace',
    description:
      'From v1.35 the baseline level allows an Unmasked /proc for pods in a user namespace (spec.hostUsers: false); the restricted level keeps requiring procMount unset or Default for every pod. Before v1.35 the baseline rule (pss/proc-mount) covers this.',
    remediation: 'Remove securityContext.procMount or set it to Default.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('restricted', 'procMount')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { procMount: 'Container "{{container}}" sets securityContext.procMount to "{{value}}"' },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { since: 35 });
    if (!subject) return;
    for (const c of containersOf(subject.view)) {
      const value = containerSecurityContext(c.container)?.procMount;
      if (isSet(value) && value !== 'Default') {
        ctx.fail('procMount', { container: c.name, value }, [{ path: `${c.path}.securityContext.procMount`, actual: value, expected: 'unset or Default' }]);
      }
    }
  },
});
