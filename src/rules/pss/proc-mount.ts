import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, containerSecurityContext, isSet, pssRef, pssSubject } from './common.js';

/** PSS baseline "/proc Mount Type" (PSA check `procMount`): relaxed from v1.35 for pods in a user namespace. */
export default defineRule({
  meta: {
    id: 'pss/proc-mount',
    title: 'Containers must use the default /proc mount',
    description:
      "An Unmasked /proc mount exposes kernel interfaces that the runtime normally masks. Pod Security Standards baseline requires procMount to be unset or Default; from v1.35 it allows any value for pods that run in a user namespace (spec.hostUsers: false), where the restricted level still forbids it (pss/proc-mount-restricted).",
    remediation: 'Remove securityContext.procMount or set it to Default.',
    severity: 'high',
    category: 'security',
    references: [pssRef('baseline', 'procMount')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { procMount: 'Container "{{container}}" sets securityContext.procMount to "{{value}}"' },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { userNamespaceExemptSince: 35 });
    if (!subject) return;
    for (const c of containersOf(subject.view)) {
      const value = containerSecurityContext(c.container)?.procMount;
      if (isSet(value) && value !== 'Default') {
        ctx.fail('procMount', { container: c.name, value }, [{ path: `${c.path}.securityContext.procMount`, actual: value, expected: 'unset or Default' }]);
      }
    }
  },
});
