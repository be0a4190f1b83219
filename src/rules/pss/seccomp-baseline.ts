import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, containerSecurityContext, isSet, podSecurityContext, pssRef, pssSubject } from './common.js';

/** Profile types PSA accepts in seccompProfile.type. */
export const ALLOWED_SECCOMP_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Before v1.19 PSA reads the alpha annotations instead of the fields. */
function allowedAnnotationValue(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** PSS baseline "Seccomp" (PSA check `seccompProfile_baseline`): if set, the profile must not be Unconfined. */
export default defineRule({
  meta: {
    id: 'pss/seccomp-baseline',
    title: 'Seccomp must not be set to Unconfined',
    description:
      'Seccomp filters the system calls a container may make; an Unconfined profile lets it call anything the kernel offers. Pod Security Standards baseline allows an unset profile, RuntimeDefault or Localhost, at pod and container level (before v1.19: the seccomp.security.alpha.kubernetes.io annotations).',
    remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile), or remove the Unconfined setting.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('baseline', 'seccompProfile')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      pod: 'The pod sets securityContext.seccompProfile.type to "{{type}}"',
      container: 'Container "{{container}}" sets securityContext.seccompProfile.type to "{{type}}"',
      annotation: 'Annotation {{annotation}} sets seccomp profile "{{value}}"',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view, minor } = subject;
    if (minor < 19) {
      const annotations = view.metadata.annotations ?? {};
      const metaPath = view.path === 'spec' ? 'metadata' : `${view.path.slice(0, -'.spec'.length)}.metadata`;
      const keys = [POD_ANNOTATION, ...containersOf(view).map((c) => CONTAINER_ANNOTATION_PREFIX + c.container.name)];
      for (const key of new Set(keys)) {
        const value = annotations[key];
        if (value !== undefined && !allowedAnnotationValue(value)) {
          ctx.fail('annotation', { annotation: key, value }, [
            { path: `${metaPath}.annotations["${key}"]`, actual: value, expected: 'runtime/default, docker/default or localhost/<profile>' },
          ]);
        }
      }
      return;
    }
    const podProfile = podSecurityContext(view)?.seccompProfile;
    if (isSet(podProfile) && !ALLOWED_SECCOMP_TYPES.has(podProfile.type ?? '')) {
      ctx.fail('pod', { type: podProfile.type ?? '' }, [
        { path: `${view.path}.securityContext.seccompProfile.type`, actual: podProfile.type ?? null, expected: 'RuntimeDefault, Localhost or unset' },
      ]);
    }
    for (const c of containersOf(view)) {
      const profile = containerSecurityContext(c.container)?.seccompProfile;
      if (isSet(profile) && !ALLOWED_SECCOMP_TYPES.has(profile.type ?? '')) {
        ctx.fail('container', { container: c.name, type: profile.type ?? '' }, [
          { path: `${c.path}.securityContext.seccompProfile.type`, actual: profile.type ?? null, expected: 'RuntimeDefault, Localhost or unset' },
        ]);
      }
    }
  },
});
