import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, cisRef, containerSecurityContext, isSet, podSecurityContext, pssRef, pssSubject } from './common.js';
import { ALLOWED_SECCOMP_TYPES } from './seccomp-baseline.js';

/** PSS restricted "Seccomp" (PSA check `seccompProfile_restricted`, v1.19+; Windows pods exempt from v1.25). */
export default defineRule({
  meta: {
    id: 'pss/seccomp-restricted',
    title: 'Seccomp must be RuntimeDefault or Localhost',
    description:
      'Without a seccomp profile a container may call every system call the kernel offers. Pod Security Standards restricted requires seccompProfile.type RuntimeDefault or Localhost, set at pod level or on every container (init and ephemeral included); an Unconfined profile at either level fails. Windows pods are exempt from v1.25.',
    remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault (containers inherit it), and remove any Unconfined profile.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('restricted', 'seccompProfile'), cisRef('5.6.2')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      pod: 'The pod sets securityContext.seccompProfile.type to "{{type}}"',
      container: 'Container "{{container}}" sets securityContext.seccompProfile.type to "{{type}}"',
      unset: 'Container "{{container}}" has no securityContext.seccompProfile and the pod sets no allowed profile',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { since: 19, windowsExemptSince: 25 });
    if (!subject) return;
    const { view } = subject;
    const podProfile = podSecurityContext(view)?.seccompProfile;
    const podAllowed = isSet(podProfile) && ALLOWED_SECCOMP_TYPES.has(podProfile.type ?? '');
    if (isSet(podProfile) && !podAllowed) {
      ctx.fail('pod', { type: podProfile.type ?? '' }, [
        { path: `${view.path}.securityContext.seccompProfile.type`, actual: podProfile.type ?? null, expected: 'RuntimeDefault or Localhost' },
      ]);
    }
    for (const c of containersOf(view)) {
      const profile = containerSecurityContext(c.container)?.seccompProfile;
      const path = `${c.path}.securityContext.seccompProfile.type`;
      if (isSet(profile)) {
        if (!ALLOWED_SECCOMP_TYPES.has(profile.type ?? '')) {
          ctx.fail('container', { container: c.name, type: profile.type ?? '' }, [{ path, actual: profile.type ?? null, expected: 'RuntimeDefault or Localhost' }]);
        }
      } else if (!podAllowed) {
        ctx.fail('unset', { container: c.name }, [{ path, actual: null, expected: 'RuntimeDefault or Localhost here or at pod level' }]);
      }
    }
  },
});
