import { defineRule } from '../../engine/rule.js';
import { API_LIFECYCLE_DATE } from '../../analysis/api-lifecycle.js';
import { LIFECYCLE_TARGETS, checkApiLifecycle, peer } from './common.js';

/** Objects whose apiVersion the judged Kubernetes version no longer serves: their manifests fail to apply. */
export default defineRule({
  meta: {
    id: 'versions/removed-api',
    title: 'Objects must not use API versions removed in the cluster\'s Kubernetes version',
    description: `A manifest written in an API version that the cluster's release no longer serves (extensions/v1beta1 Ingress, policy/v1beta1 PodDisruptionBudget, batch/v1beta1 CronJob...) fails to apply: deployments and Helm upgrades break on, or right after, a cluster upgrade. Judged against --target-version, else the control plane's version (live /version, the kube-apiserver image tag, kubeadm-config), else the config's kubernetesVersion. Live, the version the user applied comes from kubectl's last-applied-configuration annotation, because the API server answers in its preferred version. API data of ${API_LIFECYCLE_DATE} (k8s.io/api).`,
    remediation: 'Rewrite the manifest in the replacement apiVersion named in the finding (kubectl convert, or the migration guide at kubernetes.io/docs/reference/using-api/deprecation-guide), and re-apply it.',
    severity: 'high',
    category: 'reliability',
    references: [peer('pluto/removed'), peer('kubent'), peer('kubeaudit/deprecatedapis'), peer('kube-score/stable-version'), peer('popeye/POP-403')],
    targets: LIFECYCLE_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      removed: '{{kind}} {{name}} uses {{apiVersion}}, removed in Kubernetes {{removed}} (judged against {{version}} from {{source}}): {{replacement}}',
    },
  },
  check(ctx) {
    checkApiLifecycle(ctx, 'removed', 'removed');
  },
});
