import type { V1PodAffinityTerm, V1TopologySpreadConstraint } from '@kubernetes/client-node';
import { defineRule } from '../../engine/rule.js';
import { podSpecOf } from '../../engine/workloads.js';
import { matchesSelector, type LabelSelector } from '../../inventory/selectors.js';
import { REPLICATED_KINDS, peer, replicaPlan } from './common.js';

/** True when the term's labelSelector selects the workload's own pods (so it spreads them). */
function selectsOwn(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  return matchesSelector(selector as LabelSelector | undefined, labels);
}

/** Replicas that may all land on one node share its fate: one node failure or drain takes them all. */
export default defineRule({
  meta: {
    id: 'availability/anti-affinity',
    title: 'Replicas should be spread across nodes or zones',
    description:
      'The scheduler places replicas wherever they fit; without pod anti-affinity or a topology spread constraint that selects the workload\'s own pods, every replica of a Deployment or StatefulSet may run on one node, and one node failure or drain takes the whole service down. Single-replica workloads are not applicable.',
    remediation:
      'Add spec.topologySpreadConstraints (topologyKey kubernetes.io/hostname or topology.kubernetes.io/zone, labelSelector matching the pod labels) or a preferred podAntiAffinity term on kubernetes.io/hostname.',
    severity: 'low',
    category: 'reliability',
    references: [peer('kube-score/deployment-has-host-podantiaffinity'), peer('kube-score/statefulset-has-host-podantiaffinity'), peer('polaris/topologySpreadConstraint')],
    targets: REPLICATED_KINDS,
    scope: 'object',
    context: 'namespace',
    requires: ['HorizontalPodAutoscaler'],
    messages: { unspread: '{{kind}} {{name}} runs {{replicas}} replicas with no pod anti-affinity or topology spread constraint for its own pods' },
  },
  check(ctx) {
    const view = podSpecOf(ctx.target);
    if (!view) return ctx.notApplicable(`${ctx.target.kind} has no pod template`);
    const plan = replicaPlan(ctx.snapshot, ctx.target);
    if (plan.replicas < 2) return ctx.notApplicable(`runs ${plan.replicas} replica (${plan.from})`);
    const labels = view.metadata.labels ?? {};
    const anti = view.spec.affinity?.podAntiAffinity;
    const terms: V1PodAffinityTerm[] = [...(anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...(anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm)];
    const spread: V1TopologySpreadConstraint[] = view.spec.topologySpreadConstraints ?? [];
    const antiOwn = terms.findIndex((t) => selectsOwn(t.labelSelector, labels));
    const spreadOwn = spread.findIndex((t) => selectsOwn(t.labelSelector, labels));
    if (spreadOwn >= 0) return ctx.pass(undefined, {}, [{ path: `${view.path}.topologySpreadConstraints[${spreadOwn}]`, actual: spread[spreadOwn]?.topologyKey ?? '', expected: 'spread of the own pods' }]);
    if (antiOwn >= 0) return ctx.pass(undefined, {}, [{ path: `${view.path}.affinity.podAntiAffinity`, actual: terms[antiOwn]?.topologyKey ?? '', expected: 'anti-affinity to the own pods' }]);
    ctx.fail('unspread', { kind: ctx.target.kind, name: ctx.target.metadata.name, replicas: plan.replicas }, [
      { path: `${view.path}.topologySpreadConstraints`, actual: spread.length === 0 && terms.length === 0 ? null : 'terms that do not select the own pods', expected: 'a topology spread constraint or pod anti-affinity selecting the pod labels' },
    ]);
  },
});
