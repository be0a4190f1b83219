import { defineRule } from '../../engine/rule.js';
import { isRecord } from '../../model/k8s.js';
import { peer } from './common.js';

/** Kinds Palisade reads that an HPA can scale (the scale subresource of built-in APIs). */
const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'] as const;
const SCALABLE_SET: ReadonlySet<string> = new Set(SCALABLE);

/** An HPA whose scaleTargetRef names nothing scales nothing: the workload it was meant for runs at a fixed size. */
export default defineRule({
  meta: {
    id: 'references/hpa-target',
    title: 'A HorizontalPodAutoscaler should target an existing workload',
    description:
      'An HPA scales the object its spec.scaleTargetRef names. When that object does not exist (renamed, or the kind is wrong), the HPA does nothing and the workload it was written for keeps a fixed replica count under load.',
    remediation: 'Point spec.scaleTargetRef (apiVersion, kind, name) at the workload in the same namespace, or delete the stale HPA.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('kube-score/horizontalpodautoscaler-has-target'), peer('popeye/POP-600')],
    targets: ['HorizontalPodAutoscaler'],
    scope: 'object',
    context: 'namespace',
    requires: SCALABLE,
    messages: { missingTarget: 'HorizontalPodAutoscaler {{name}} targets {{kind}}/{{target}}, which does not exist in namespace {{namespace}}' },
  },
  check(ctx) {
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const ref = isRecord(spec['scaleTargetRef']) ? spec['scaleTargetRef'] : {};
    const kind = typeof ref['kind'] === 'string' ? ref['kind'] : '';
    const target = typeof ref['name'] === 'string' ? ref['name'] : '';
    const namespace = ctx.target.metadata.namespace ?? 'default';
    if (!SCALABLE_SET.has(kind) && ctx.snapshot.ofKind(kind).length === 0) {
      return ctx.unknown(`Palisade does not read ${kind || '(no kind)'} objects, so it cannot tell whether ${target} exists`);
    }
    const found = ctx.snapshot.get(kind, target, namespace);
    const evidence = [{ path: 'spec.scaleTargetRef', actual: `${kind}/${target}`, expected: `an existing object in namespace ${namespace}` }];
    if (!found) ctx.fail('missingTarget', { name: ctx.target.metadata.name, kind, target, namespace }, evidence);
    else ctx.pass(undefined, {}, evidence);
  },
});
