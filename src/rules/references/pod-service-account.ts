import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, isManagedByScannedController } from '../../engine/workloads.js';
import { isMirrorPod, podSpecOrSkip, serviceAccountNameOf } from '../workload/common.js';
import { absentFromInput, peer } from './common.js';

/** A pod template naming a ServiceAccount that does not exist: its pods are rejected at creation. */
export default defineRule({
  meta: {
    id: 'references/pod-service-account',
    title: 'Pod templates should name an existing ServiceAccount',
    description:
      'The ServiceAccount admission plugin rejects a pod whose ServiceAccount does not exist, so a controller whose template names a missing one creates no pods (the ReplicaSet reports FailedCreate). A later ServiceAccount with that name, created by someone else, would silently hand its rights to the workload.',
    remediation: 'Create the ServiceAccount in the workload\'s namespace (with the manifests that deploy it), or fix spec.serviceAccountName.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('popeye/POP-307')],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    context: 'namespace',
    requires: ['ServiceAccount'],
    messages: { missing: '{{kind}} {{name}} runs as ServiceAccount {{serviceAccount}}, which does not exist in namespace {{namespace}}' },
  },
  check(ctx) {
    if (isManagedByScannedController(ctx.target, ctx.snapshot)) return ctx.notApplicable('checked on its controller');
    if (isMirrorPod(ctx.target)) return ctx.notApplicable('a static (mirror) pod runs without a ServiceAccount');
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    const sa = serviceAccountNameOf(view);
    const namespace = ctx.target.metadata.namespace ?? 'default';
    const path = `${view.path}.serviceAccountName`;
    // The ServiceAccount controller creates `default` in every namespace.
    if (sa === 'default') return ctx.pass(undefined, {}, [{ path, actual: sa, expected: 'an existing ServiceAccount' }]);
    if (absentFromInput(ctx, 'ServiceAccount')) return;
    if (ctx.snapshot.get('ServiceAccount', sa, namespace)) return ctx.pass(undefined, {}, [{ path, actual: sa, expected: 'an existing ServiceAccount' }]);
    ctx.fail('missing', { kind: ctx.target.kind, name: ctx.target.metadata.name, serviceAccount: sa, namespace }, [
      { path, actual: sa, expected: `a ServiceAccount in namespace ${namespace}` },
    ]);
  },
});
