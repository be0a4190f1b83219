import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';

const EXTERNAL_KINDS = ['ExternalSecret', 'SecretStore', 'ClusterSecretStore', 'SecretProviderClass', 'VaultStaticSecret', 'VaultDynamicSecret'];
/** Kinds that only a whole-cluster export contains; manifests of a few apps have none of them. */
const CLUSTER_WIDE_EVIDENCE = ['CustomResourceDefinition', 'CSIDriver', 'MutatingWebhookConfiguration'];
const EXTERNAL_WEBHOOKS = /vault-agent-injector|secrets-store|external-secrets|akv2k8s|doppler/i;

/** CIS 5.4.2 (heuristic): an external secret store integration is present. */
export default defineRule({
  meta: {
    id: 'secrets/external-secret-storage',
    title: 'Consider an external secret store',
    description: 'Kubernetes Secrets are only base64 in etcd unless encryption at rest is configured, and anyone who can read them in a namespace reads them all; an external store adds rotation, audit and finer access control.',
    remediation: 'Use External Secrets Operator, the Secrets Store CSI driver or Vault injection for application credentials.',
    severity: 'low',
    category: 'security',
    references: [cis('5.4.2')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { none: 'No external secret store integration found (External Secrets, Secrets Store CSI, Vault)' },
  },
  check(ctx) {
    const s = ctx.snapshot;
    const found = [
      ...EXTERNAL_KINDS.flatMap((k) => s.ofKind(k).map((o) => `${k}/${o.metadata.name}`)),
      ...s.ofKind('CSIDriver').filter((d) => d.metadata.name === 'secrets-store.csi.k8s.io').map((d) => `CSIDriver/${d.metadata.name}`),
      ...s.ofKind('MutatingWebhookConfiguration').filter((w) => EXTERNAL_WEBHOOKS.test(w.metadata.name)).map((w) => `MutatingWebhookConfiguration/${w.metadata.name}`),
      ...s.ofKind('CustomResourceDefinition').filter((c) => /external-secrets\.io|secrets-store\.csi\.x-k8s\.io|secrets\.hashicorp\.com/.test(c.metadata.name)).map((c) => `CustomResourceDefinition/${c.metadata.name}`),
    ];
    const evidence = [{ path: 'secret store integrations', actual: found.slice(0, 10), expected: 'an external secret store integration' }];
    const sawClusterWide = CLUSTER_WIDE_EVIDENCE.some((k) => s.ofKind(k).length > 0);
    if (found.length === 0 && s.mode === 'offline' && !sawClusterWide) {
      // Absence in a few manifests says nothing about the cluster: not knowing is not failing.
      ctx.unknown('The input has no CRDs, CSI drivers or mutating webhooks, so it cannot show whether the cluster integrates an external secret store');
      return;
    }
    if (found.length === 0) ctx.fail('none', {}, evidence);
    else ctx.pass(undefined, {}, evidence);
  },
});
