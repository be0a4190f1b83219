import { defineRule } from '../../engine/rule.js';
import { podSourcesSelected } from '../../analysis/pod-selection.js';
import type { LabelSelector } from '../../inventory/selectors.js';
import { isRecord } from '../../model/k8s.js';
import { peer, sampleOf } from './common.js';

/** A PodDisruptionBudget that selects no pods protects nothing during drains. */
export default defineRule({
  meta: {
    id: 'references/pdb-selector',
    title: 'A PodDisruptionBudget selector should match at least one pod',
    description:
      'A PDB limits voluntary evictions of the pods its selector matches. A selector that matches no Pod and no pod template in the namespace (a renamed label, or no selector, which in policy/v1 selects nothing) leaves the workload it was written for unprotected during node drains.',
    remediation: 'Set spec.selector to the labels of the workload\'s pod template.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('popeye/POP-900'), peer('kube-score/poddisruptionbudget-has-policy')],
    targets: ['PodDisruptionBudget'],
    scope: 'object',
    context: 'namespace',
    requires: ['Pod'],
    messages: { noPods: 'PodDisruptionBudget {{name}} selects no pod or pod template in namespace {{namespace}}' },
  },
  check(ctx) {
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const selector = isRecord(spec['selector']) ? (spec['selector'] as LabelSelector) : undefined;
    const namespace = ctx.target.metadata.namespace ?? 'default';
    const matched = podSourcesSelected(ctx.snapshot, namespace, selector);
    if (matched.length === 0) {
      ctx.fail('noPods', { name: ctx.target.metadata.name, namespace }, [
        { path: 'spec.selector', actual: (selector ?? null) as Record<string, unknown> | null, expected: `labels of a pod or pod template in namespace ${namespace}` },
      ]);
      return;
    }
    ctx.pass(undefined, {}, [{ path: 'spec.selector', actual: sampleOf(matched), expected: 'at least one selected pod or pod template' }]);
  },
});
