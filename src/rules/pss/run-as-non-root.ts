import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, cisRef, containerSecurityContext, podSecurityContext, pssRef, pssSubject } from './common.js';

/**
 * PSS restricted "Running as Non-root" (PSA check `runAsNonRoot`; pods with hostUsers: false exempt from v1.35).
 * A container may leave the field unset when the pod sets true, but an explicit false anywhere fails,
 * and a pod-level false fails even when every container sets true.
 */
export default defineRule({
  meta: {
    id: 'pss/run-as-non-root',
    title: 'Containers must run with runAsNonRoot: true',
    description:
      'runAsNonRoot makes the kubelet refuse to start a container whose user is root, whatever the image says. Pod Security Standards restricted requires it to be true at pod level (inherited by containers that leave it unset) or on every container, and forbids an explicit false at either level. From v1.35 pods in a user namespace (spec.hostUsers: false) are exempt.',
    remediation: 'Set spec.securityContext.runAsNonRoot: true (and remove any container-level runAsNonRoot: false); give the image a non-zero USER or set runAsUser.',
    severity: 'high',
    category: 'security',
    references: [pssRef('restricted', 'runAsNonRoot'), cisRef('5.2.7'), { framework: 'NSA', id: 'C-0013' }, { framework: 'MTB', id: 'MTB-PL1-BC-CPI-4' }],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      podFalse: 'The pod sets securityContext.runAsNonRoot=false',
      containerFalse: 'Container "{{container}}" sets securityContext.runAsNonRoot=false',
      unset: 'Container "{{container}}" does not set securityContext.runAsNonRoot=true and the pod does not either',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { userNamespaceExemptSince: 35 });
    if (!subject) return;
    const { view } = subject;
    const podValue = podSecurityContext(view)?.runAsNonRoot;
    if (podValue === false) {
      ctx.fail('podFalse', {}, [{ path: `${view.path}.securityContext.runAsNonRoot`, actual: false, expected: 'true' }]);
    }
    for (const c of containersOf(view)) {
      const value = containerSecurityContext(c.container)?.runAsNonRoot;
      const path = `${c.path}.securityContext.runAsNonRoot`;
      if (value === false) {
        ctx.fail('containerFalse', { container: c.name }, [{ path, actual: false, expected: 'true, or unset when the pod sets true' }]);
      } else if (value === undefined || value === null) {
        if (podValue !== true) {
          ctx.fail('unset', { container: c.name }, [{ path, actual: null, expected: `true (pod-level ${view.path}.securityContext.runAsNonRoot is ${String(podValue ?? 'unset')})` }]);
        }
      }
    }
  },
});
