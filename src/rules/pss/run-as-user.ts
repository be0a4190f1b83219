import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, cisRef, containerSecurityContext, podSecurityContext, pssRef, pssSubject } from './common.js';

/** PSS restricted "Running as Non-root user" (PSA check `runAsUser`, v1.23+; pods with hostUsers: false exempt from v1.35). */
export default defineRule({
  meta: {
    id: 'pss/run-as-user',
    title: 'Pods and containers must not set runAsUser to 0',
    description:
      'runAsUser: 0 runs the process as root, overriding a non-root image user. Pod Security Standards restricted (from v1.23) forbids runAsUser 0 at pod and container level; unset is allowed (runAsNonRoot covers it). From v1.35 pods in a user namespace (spec.hostUsers: false) are exempt.',
    remediation: 'Remove runAsUser: 0 or set a non-zero user ID.',
    severity: 'high',
    category: 'security',
    references: [pssRef('restricted', 'runAsUser'), cisRef('5.2.7')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      pod: 'The pod sets securityContext.runAsUser=0',
      container: 'Container "{{container}}" sets securityContext.runAsUser=0',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { since: 23, userNamespaceExemptSince: 35 });
    if (!subject) return;
    const { view } = subject;
    if (podSecurityContext(view)?.runAsUser === 0) {
      ctx.fail('pod', {}, [{ path: `${view.path}.securityContext.runAsUser`, actual: 0, expected: 'non-zero or unset' }]);
    }
    for (const c of containersOf(view)) {
      if (containerSecurityContext(c.container)?.runAsUser === 0) {
        ctx.fail('container', { container: c.name }, [{ path: `${c.path}.securityContext.runAsUser`, actual: 0, expected: 'non-zero or unset' }]);
      }
    }
  },
});
