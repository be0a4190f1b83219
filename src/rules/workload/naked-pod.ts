import { defineRule } from '../../engine/rule.js';

/** A Pod nobody controls is not rescheduled when its node goes away. */
export default defineRule({
  meta: {
    id: 'workload/naked-pod',
    title: 'Pods should be managed by a controller',
    description:
      'A Pod without a controlling owner (Deployment, StatefulSet, DaemonSet, Job, ...) is not recreated when it is evicted or its node fails, cannot be rolled out or scaled, and often is a leftover of a manual debug session.',
    remediation: 'Run the workload through a Deployment, StatefulSet, DaemonSet or Job; delete leftover debug pods.',
    severity: 'low',
    category: 'reliability',
    references: [],
    targets: ['Pod'],
    scope: 'object',
    context: 'namespace',
    messages: { naked: 'Pod "{{pod}}" has no controlling owner (metadata.ownerReferences)' },
  },
  check(ctx) {
    const owners = ctx.target.metadata.ownerReferences ?? [];
    if (owners.some((o) => o.controller === true)) return;
    ctx.fail('naked', { pod: ctx.target.metadata.name }, [
      { path: 'metadata.ownerReferences', actual: owners.length > 0 ? owners.map((o) => `${o.kind}/${o.name}`) : null, expected: 'an owner reference with controller: true' },
    ]);
  },
});
