import { defineRule, type RuleContext } from '../../engine/rule.js';
import { isManagedByScannedController } from '../../engine/workloads.js';
import { podSourcesSelected } from '../../analysis/pod-selection.js';
import type { LabelSelector } from '../../inventory/selectors.js';
import { isRecord, refString, objectRef } from '../../model/k8s.js';
import { intField, peer, replicaPlan } from './common.js';

const COUNTED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Pod']);

/** Pods the selected workloads keep at least, or undefined when a selected kind has no fixed count (DaemonSet, Job). */
function expectedPods(ctx: RuleContext, selector: LabelSelector): { pods: number; from: string[] } | undefined {
  const namespace = ctx.target.metadata.namespace ?? 'default';
  let pods = 0;
  const from: string[] = [];
  for (const s of podSourcesSelected(ctx.snapshot, namespace, selector)) {
    if (isManagedByScannedController(s.object, ctx.snapshot)) continue;
    if (!COUNTED_KINDS.has(s.object.kind)) return undefined;
    const n = s.object.kind === 'Pod' ? 1 : replicaPlan(ctx.snapshot, s.object).replicas;
    pods += n;
    from.push(`${refString(objectRef(s.object))}: ${n}`);
  }
  return from.length === 0 ? undefined : { pods, from };
}

/** A PDB that allows no voluntary disruption blocks every node drain (upgrades, autoscaler scale-down) until someone deletes it. */
export default defineRule({
  meta: {
    id: 'availability/pdb-blocks-drain',
    title: 'A PodDisruptionBudget should allow at least one disruption',
    description:
      'maxUnavailable: 0, minAvailable: 100%, or a minAvailable at or above the number of pods the selected workloads run leaves no eviction allowed: kubectl drain, cluster upgrades and the cluster autoscaler wait forever on those nodes (managed upgrades force the eviction after a timeout, or fail).',
    remediation: 'Use maxUnavailable: 1 (or a percentage), or a minAvailable below the replica count; run more replicas if the service cannot lose one.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('kube-linter/pdb-max-unavailable'), peer('kube-linter/pdb-min-available'), peer('polaris/pdbMinAvailableGreaterThanHPAMinReplicas')],
    targets: ['PodDisruptionBudget'],
    scope: 'object',
    context: 'namespace',
    requires: ['Pod', 'HorizontalPodAutoscaler'],
    messages: {
      zeroUnavailable: 'PodDisruptionBudget {{name}} sets maxUnavailable {{value}}: no pod may ever be evicted',
      allAvailable: 'PodDisruptionBudget {{name}} sets minAvailable 100%: no pod may ever be evicted',
      minAtReplicas: 'PodDisruptionBudget {{name}} keeps minAvailable {{min}} of {{pods}} pods: no pod may be evicted',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const name = ctx.target.metadata.name;
    const max = spec['maxUnavailable'];
    if (max === 0 || max === '0' || max === '0%') {
      return ctx.fail('zeroUnavailable', { name, value: String(max) }, [{ path: 'spec.maxUnavailable', actual: max, expected: 'at least 1 (or a non-zero percentage)' }]);
    }
    const min = spec['minAvailable'];
    if (min === '100%') return ctx.fail('allAvailable', { name }, [{ path: 'spec.minAvailable', actual: min, expected: 'below 100%' }]);
    const minInt = intField(spec, 'minAvailable');
    if (minInt === undefined) return ctx.pass(undefined, {}, [{ path: max !== undefined ? 'spec.maxUnavailable' : 'spec.minAvailable', actual: (max ?? min ?? null) as string | number | null, expected: 'allows a disruption' }]);
    const selector = isRecord(spec['selector']) ? (spec['selector'] as LabelSelector) : undefined;
    const expected = selector ? expectedPods(ctx, selector) : undefined;
    if (!expected) return ctx.notApplicable('the selected pods have no fixed count (none selected, or a DaemonSet or Job)');
    if (minInt >= expected.pods) {
      return ctx.fail('minAtReplicas', { name, min: minInt, pods: expected.pods }, [{ path: 'spec.minAvailable', actual: { minAvailable: minInt, pods: expected.from }, expected: `below ${expected.pods}` }]);
    }
    ctx.pass(undefined, {}, [{ path: 'spec.minAvailable', actual: { minAvailable: minInt, pods: expected.from }, expected: `below ${expected.pods}` }]);
  },
});
