import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './external-secret-storage.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';

testRule(rule, {
  valid: [
    { name: 'an ExternalSecret', objects: cluster + '---\napiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: db, namespace: shop}\n' },
    { name: 'the Secrets Store CSI driver', objects: cluster + '---\napiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata: {name: secrets-store.csi.k8s.io}\n' },
    {
      name: 'offline manifests without any cluster-wide objects cannot tell',
      objects: cluster + '---\napiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ntype: Opaque\n',
      status: 'unknown',
    },
  ],
  invalid: [
    { name: 'live cluster with only native Secrets', mode: 'live', objects: cluster + '---\napiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ntype: Opaque\n', messages: ['none'] },
    {
      name: 'offline cluster export with CRDs but no secret store',
      objects: cluster + '---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: certificates.cert-manager.io}\n',
      messages: ['none'],
    },
  ],
});
