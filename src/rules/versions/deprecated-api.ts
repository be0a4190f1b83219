import { defineRule } from '../../engine/rule.js';
import { API_LIFECYCLE_DATE } from '../../analysis/api-lifecycle.js';
import { LIFECYCLE_TARGETS, checkApiLifecycle, peer } from './common.js';

/** Objects in an API version that is deprecated (still served) in the judged version: removal is scheduled. */
export default defineRule({
  meta: {
    id: 'versions/deprecated-api',
    title: 'Objects should not use deprecated API versions',
    description: `An API version that is deprecated in the cluster's release is still served, but its removal release is fixed: the manifests that use it break on that upgrade. Judged like versions/removed-api (--target-version, else the control plane version, else the config's kubernetesVersion); API versions already removed are reported by versions/removed-api instead. API data of ${API_LIFECYCLE_DATE} (k8s.io/api).`,
    remediation: 'Move the manifest to the replacement apiVersion named in the finding before upgrading to the removal release.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('pluto/deprecated'), peer('kubent'), peer('kubeaudit/deprecatedapis'), peer('popeye/POP-403')],
    targets: LIFECYCLE_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      deprecated: '{{kind}} {{name}} uses {{apiVersion}}, deprecated since Kubernetes {{deprecated}} and removed in {{removed}} (judged against {{version}} from {{source}}): {{replacement}}',
    },
  },
  check(ctx) {
    checkApiLifecycle(ctx, 'deprecated', 'deprecated');
  },
});
