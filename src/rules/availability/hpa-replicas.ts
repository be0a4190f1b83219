import { defineRule } from '../../engine/rule.js';
import { isRecord } from '../../model/k8s.js';
import { intField, peer } from './common.js';

/** An HPA whose bounds contradict each other or the workload's own replica count. */
export default defineRule({
  meta: {
    id: 'availability/hpa-replicas',
    title: 'HorizontalPodAutoscaler bounds should be consistent with the workload',
    description:
      'minReplicas above maxReplicas is a configuration the HPA cannot satisfy; minReplicas equal to maxReplicas scales nothing. In manifests, a workload managed by an HPA that also sets spec.replicas is reset to that number on every apply, undoing the autoscaler (live objects and exports of them always carry the HPA\'s count, so that part is checked on manifests only: objects without a uid).',
    remediation: 'Keep minReplicas below maxReplicas, and remove spec.replicas from the manifests of workloads an HPA manages.',
    severity: 'low',
    category: 'reliability',
    references: [peer('kube-score/horizontalpodautoscaler-replicas'), peer('kube-score/deployment-targeted-by-hpa-does-not-have-replicas-set'), peer('polaris/hpaMaxAvailability')],
    targets: ['HorizontalPodAutoscaler'],
    scope: 'object',
    context: 'namespace',
    messages: {
      minAboveMax: 'HorizontalPodAutoscaler {{name}} has minReplicas {{min}} above maxReplicas {{max}}',
      noRange: 'HorizontalPodAutoscaler {{name}} has minReplicas equal to maxReplicas ({{max}}): it never scales',
      replicasSet: '{{kind}} {{target}} sets spec.replicas {{replicas}} although HorizontalPodAutoscaler {{name}} manages it: every apply resets the count',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const name = ctx.target.metadata.name;
    const min = intField(spec, 'minReplicas') ?? 1;
    const max = intField(spec, 'maxReplicas');
    if (max === undefined) return ctx.unknown('spec.maxReplicas is not set');
    if (min > max) ctx.fail('minAboveMax', { name, min, max }, [{ path: 'spec.minReplicas', actual: min, expected: `at most maxReplicas (${max})` }]);
    else if (min === max) ctx.fail('noRange', { name, max }, [{ path: 'spec.maxReplicas', actual: max, expected: `above minReplicas (${min})` }]);
    const ref = isRecord(spec['scaleTargetRef']) ? spec['scaleTargetRef'] : {};
    const target = typeof ref['kind'] === 'string' && typeof ref['name'] === 'string' ? ctx.snapshot.get(ref['kind'], ref['name'], ctx.target.metadata.namespace) : undefined;
    const replicas = target && isRecord(target['spec']) ? intField(target['spec'], 'replicas') : undefined;
    // Live objects, and offline exports of them (they carry a uid), always hold the HPA's current count.
    const fromManifest = ctx.snapshot.mode === 'offline' && target !== undefined && target.metadata.uid === undefined;
    if (fromManifest && replicas !== undefined) {
      ctx.fail('replicasSet', { kind: target.kind, target: target.metadata.name, replicas, name }, [
        { path: `${target.kind}/${target.metadata.name} spec.replicas`, actual: replicas, expected: 'unset (the HPA owns the replica count)' },
      ]);
    }
  },
});
