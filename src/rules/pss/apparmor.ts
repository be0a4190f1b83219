import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, containerSecurityContext, isSet, podSecurityContext, pssRef, pssSubject } from './common.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** PSA's allowedAnnotationValue: empty, `runtime/default` or `localhost/<profile>`. */
function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/** PSS baseline "AppArmor" (PSA check `appArmorProfile`): the fields and the deprecated beta annotations. */
export default defineRule({
  meta: {
    id: 'pss/apparmor',
    title: 'AppArmor must not be disabled',
    description:
      "The container runtime's default AppArmor profile confines what a process may do on the node; setting the profile to Unconfined removes it. Pod Security Standards baseline allows only RuntimeDefault or Localhost profiles, in securityContext.appArmorProfile and in the deprecated container.apparmor.security.beta.kubernetes.io annotations.",
    remediation: 'Remove appArmorProfile (or use type RuntimeDefault or Localhost); set the beta annotations, if any, to runtime/default or localhost/<profile>.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('baseline', 'appArmorProfile')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      pod: 'The pod sets securityContext.appArmorProfile.type to "{{type}}"',
      container: 'Container "{{container}}" sets securityContext.appArmorProfile.type to "{{type}}"',
      annotation: 'Annotation {{annotation}} sets AppArmor profile "{{value}}"',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view } = subject;
    const podProfile = podSecurityContext(view)?.appArmorProfile;
    if (isSet(podProfile) && !ALLOWED_TYPES.has(podProfile.type ?? '')) {
      ctx.fail('pod', { type: podProfile.type ?? '' }, [
        { path: `${view.path}.securityContext.appArmorProfile.type`, actual: podProfile.type ?? null, expected: 'RuntimeDefault or Localhost' },
      ]);
    }
    for (const c of containersOf(view)) {
      const profile = containerSecurityContext(c.container)?.appArmorProfile;
      if (isSet(profile) && !ALLOWED_TYPES.has(profile.type ?? '')) {
        ctx.fail('container', { container: c.name, type: profile.type ?? '' }, [
          { path: `${c.path}.securityContext.appArmorProfile.type`, actual: profile.type ?? null, expected: 'RuntimeDefault or Localhost' },
        ]);
      }
    }
    const metaPath = view.path === 'spec' ? 'metadata' : `${view.path.slice(0, -'.spec'.length)}.metadata`;
    for (const [key, value] of Object.entries(view.metadata.annotations ?? {})) {
      if (key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(String(value))) {
        ctx.fail('annotation', { annotation: key, value: String(value) }, [
          { path: `${metaPath}.annotations["${key}"]`, actual: value, expected: 'runtime/default, localhost/<profile> or empty' },
        ]);
      }
    }
  },
});
