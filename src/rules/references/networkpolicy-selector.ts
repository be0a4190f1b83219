import { defineRule } from '../../engine/rule.js';
import { podSourcesSelected } from '../../analysis/pod-selection.js';
import type { LabelSelector } from '../../inventory/selectors.js';
import { isRecord } from '../../model/k8s.js';
import { peer, sampleOf } from './common.js';

/** A NetworkPolicy whose podSelector matches nothing protects nothing: the pods it was written for are open. */
export default defineRule({
  meta: {
    id: 'references/networkpolicy-selector',
    title: 'A NetworkPolicy podSelector should match at least one pod',
    description:
      'A NetworkPolicy isolates only the pods its podSelector selects. A selector that matches no Pod and no pod template in the namespace (a renamed label) silently leaves the workload it was written for unprotected.',
    remediation: 'Fix spec.podSelector to the labels of the pod template it should isolate, or delete the stale policy.',
    severity: 'medium',
    category: 'security',
    references: [peer('kube-score/networkpolicy-targets-pod'), peer('popeye/POP-1200'), { framework: 'NSA', id: 'C-0299' }],
    targets: ['NetworkPolicy'],
    scope: 'object',
    context: 'namespace',
    requires: ['Pod'],
    messages: { noPods: 'NetworkPolicy {{name}} selects no pod or pod template in namespace {{namespace}}' },
  },
  check(ctx) {
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const selector = isRecord(spec['podSelector']) ? (spec['podSelector'] as LabelSelector) : {};
    if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
      return ctx.notApplicable('an empty podSelector selects every pod in the namespace, including future ones');
    }
    const namespace = ctx.target.metadata.namespace ?? 'default';
    const matched = podSourcesSelected(ctx.snapshot, namespace, selector);
    if (matched.length === 0) {
      ctx.fail('noPods', { name: ctx.target.metadata.name, namespace }, [
        { path: 'spec.podSelector', actual: selector as Record<string, unknown>, expected: `labels of a pod or pod template in namespace ${namespace}` },
      ]);
      return;
    }
    ctx.pass(undefined, {}, [{ path: 'spec.podSelector', actual: sampleOf(matched), expected: 'at least one selected pod or pod template' }]);
  },
});
