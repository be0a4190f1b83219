import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_TARGETS, isMirrorPod, podSpecOrSkip, serviceAccountNameOf } from './common.js';

/**
 * The effective automount setting: the pod's field wins, else its ServiceAccount's, else true.
 * Offline, a ServiceAccount missing from the manifests counts as one that does not opt out.
 */
export default defineRule({
  meta: {
    id: 'workload/automount-service-account-token',
    title: 'Pods should not mount a ServiceAccount token they do not need',
    description:
      'A mounted ServiceAccount token lets anyone who compromises the container talk to the API server with that account\'s permissions. The token is mounted unless the pod sets automountServiceAccountToken: false or, when the pod leaves it unset, its ServiceAccount does; most application pods never call the API.',
    remediation: 'Set automountServiceAccountToken: false on the pod (or on its ServiceAccount) unless the workload calls the Kubernetes API; mount a projected token with a short expiry where it does.',
    severity: 'medium',
    category: 'security',
    references: [{ framework: 'CIS', id: '1.12 §5.1.6' }, { framework: 'NSA', id: 'C-0034' }],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      pod: 'The pod sets automountServiceAccountToken: true',
      serviceAccount: 'The pod leaves automountServiceAccountToken unset and ServiceAccount "{{serviceAccount}}" {{reason}}, so its token is mounted',
    },
  },
  check(ctx) {
    if (isMirrorPod(ctx.target)) {
      ctx.notApplicable('Static (mirror) pods cannot use a ServiceAccount or mount its token');
      return;
    }
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    const podValue = view.spec.automountServiceAccountToken;
    if (podValue === false) return;
    if (podValue === true) {
      ctx.fail('pod', {}, [{ path: `${view.path}.automountServiceAccountToken`, actual: true, expected: 'false' }]);
      return;
    }
    const name = serviceAccountNameOf(view);
    const namespace = ctx.target.metadata.namespace;
    const sa = namespace ? ctx.snapshot.get('ServiceAccount', name, namespace) : undefined;
    if (!sa && ctx.snapshot.gapFor('ServiceAccount')) {
      ctx.unknown(`ServiceAccount "${name}" could not be read (${ctx.snapshot.gapFor('ServiceAccount')?.reason ?? 'not listed'}) and the pod does not set automountServiceAccountToken`);
      return;
    }
    const saValue = sa?.['automountServiceAccountToken'];
    if (saValue === false) return;
    const reason = sa ? (saValue === true ? 'sets automountServiceAccountToken: true' : 'does not set automountServiceAccountToken') : 'is not in the scanned objects (defaults to mounting)';
    // Evidence paths are inside the target; the ServiceAccount's value goes into `actual`.
    ctx.fail('serviceAccount', { serviceAccount: name, reason }, [
      {
        path: `${view.path}.automountServiceAccountToken`,
        actual: `unset; ServiceAccount ${namespace ?? ''}/${name}: ${sa ? String(saValue ?? 'unset') : 'not found'}`,
        expected: 'false here or on the ServiceAccount',
      },
    ]);
  },
});
