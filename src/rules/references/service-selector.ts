import { defineRule } from '../../engine/rule.js';
import { podSourcesSelected } from '../../analysis/pod-selection.js';
import { isRecord } from '../../model/k8s.js';
import { peer, sampleOf } from './common.js';

/** A Service whose selector matches no pod and no pod template has no endpoints: traffic to it fails. */
export default defineRule({
  meta: {
    id: 'references/service-selector',
    title: 'A Service selector should match at least one pod',
    description:
      'A Service selects its endpoints by label. When no Pod and no pod template in its namespace carries those labels (a typo, a renamed app label), the Service has no endpoints and every connection to it fails, often only noticed in production.',
    remediation: 'Make spec.selector equal to labels of the pod template it fronts (or fix the template labels); remove Services nothing uses.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('kube-score/service-targets-pod'), peer('popeye/POP-1100')],
    targets: ['Service'],
    scope: 'object',
    context: 'namespace',
    requires: ['Pod'],
    messages: { noPods: 'Service {{name}} selects {{selector}}, which no pod or pod template in namespace {{namespace}} carries' },
  },
  check(ctx) {
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const selector = isRecord(spec['selector']) ? (spec['selector'] as Record<string, string>) : {};
    if (spec['type'] === 'ExternalName') return ctx.notApplicable('an ExternalName Service has no endpoints');
    if (Object.keys(selector).length === 0) return ctx.notApplicable('the Service has no selector: its endpoints are managed by hand or by a controller');
    const namespace = ctx.target.metadata.namespace ?? 'default';
    const matched = podSourcesSelected(ctx.snapshot, namespace, { matchLabels: selector });
    const text = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
    if (matched.length === 0) {
      ctx.fail('noPods', { name: ctx.target.metadata.name, selector: text, namespace }, [
        { path: 'spec.selector', actual: selector, expected: `labels of a pod or pod template in namespace ${namespace}` },
      ]);
      return;
    }
    ctx.pass(undefined, {}, [{ path: 'spec.selector', actual: sampleOf(matched), expected: 'at least one selected pod or pod template' }]);
  },
});
