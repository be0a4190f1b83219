import { defineRule } from '../../engine/rule.js';
import { podSpecOf } from '../../engine/workloads.js';
import { refString, objectRef } from '../../model/k8s.js';
import { REPLICATED_KINDS, pdbsSelecting, peer, replicaPlan } from './common.js';

/** A replicated workload without a PDB can lose every replica at once to a node drain or cluster upgrade. */
export default defineRule({
  meta: {
    id: 'availability/pod-disruption-budget',
    title: 'Replicated workloads should have a PodDisruptionBudget',
    description:
      'Node drains (upgrades, autoscaler scale-down, maintenance) evict pods through the eviction API, which honours PodDisruptionBudgets only. A Deployment or StatefulSet that runs more than one replica for availability but has no PDB can have all replicas evicted at the same time. Single-replica workloads are not applicable: a PDB cannot keep one pod available during a drain without blocking it.',
    remediation: 'Add a policy/v1 PodDisruptionBudget selecting the workload\'s pod labels, e.g. maxUnavailable: 1.',
    severity: 'low',
    category: 'reliability',
    references: [peer('polaris/missingPodDisruptionBudget'), peer('kube-score/deployment-has-poddisruptionbudget'), peer('kube-score/statefulset-has-poddisruptionbudget')],
    targets: REPLICATED_KINDS,
    scope: 'object',
    context: 'namespace',
    requires: ['PodDisruptionBudget', 'HorizontalPodAutoscaler'],
    messages: { missing: '{{kind}} {{name}} runs {{replicas}} replicas and no PodDisruptionBudget selects its pods' },
  },
  check(ctx) {
    const view = podSpecOf(ctx.target);
    if (!view) return ctx.notApplicable(`${ctx.target.kind} has no pod template`);
    const plan = replicaPlan(ctx.snapshot, ctx.target);
    if (plan.replicas < 2) return ctx.notApplicable(`runs ${plan.replicas} replica (${plan.from}): a PDB cannot keep a single pod available`);
    const namespace = ctx.target.metadata.namespace ?? 'default';
    const pdbs = pdbsSelecting(ctx.snapshot, namespace, view.metadata.labels ?? {});
    if (pdbs.length > 0) return ctx.pass(undefined, {}, [{ path: 'spec.template.metadata.labels', actual: pdbs.map((p) => refString(objectRef(p))), expected: 'a selecting PodDisruptionBudget' }]);
    ctx.fail('missing', { kind: ctx.target.kind, name: ctx.target.metadata.name, replicas: plan.replicas }, [
      { path: 'spec.template.metadata.labels', actual: view.metadata.labels ?? {}, expected: `a PodDisruptionBudget in namespace ${namespace} selecting these labels` },
    ]);
  },
});
