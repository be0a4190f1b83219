import { APISERVER } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { APPLIED_API_VERSION } from '../../inventory/applied-version.js';
import rule from './removed-api.js';

const ingress = (apiVersion: string, annotations = '') => `apiVersion: ${apiVersion}
kind: Ingress
metadata: {name: shop, namespace: a${annotations}}
spec: {rules: [{host: shop.example.com}]}
`;
const pdb = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: a}\nspec: {minAvailable: 1}\n';

testRule(rule, {
  valid: [
    { name: 'networking.k8s.io/v1 Ingress', objects: ingress('networking.k8s.io/v1') },
    { name: 'policy/v1beta1 PDB on a 1.24 cluster (deprecated, still served)', objects: pdb, cluster: { version: 'v1.24.17' } },
    { name: '--target-version older than the removal', objects: pdb, cluster: { version: 'v1.36.3', targetVersion: 'v1.22' } },
    { name: 'live object read as v1 and applied as v1', objects: ingress('networking.k8s.io/v1'), mode: 'live', cluster: { version: 'v1.36.3' } },
  ],
  invalid: [
    {
      name: 'extensions/v1beta1 Ingress against the default config version',
      objects: ingress('extensions/v1beta1'),
      messages: ['removed'],
      paths: ['apiVersion'],
      messageIncludes: 'removed in Kubernetes 1.22 (judged against 1.36 from config kubernetesVersion (the control plane version is not visible)): use networking.k8s.io/v1',
    },
    {
      name: 'live: the applied apiVersion recorded from last-applied-configuration',
      objects: ingress('networking.k8s.io/v1', `, annotations: {${APPLIED_API_VERSION}: networking.k8s.io/v1beta1}`),
      mode: 'live',
      cluster: { version: 'v1.36.3' },
      messages: ['removed'],
      paths: [`metadata.annotations["${APPLIED_API_VERSION}"] (from kubectl's last-applied-configuration)`],
      messageIncludes: 'judged against v1.36.3 from the API server (/version)',
    },
    { name: 'offline: the control plane image tag decides', objects: pdb + '---\n' + APISERVER.pod('--authorization-mode=Node,RBAC').replace(/image: \S+/, 'image: registry.k8s.io/kube-apiserver:v1.25.16'), messages: ['removed'], messageIncludes: 'judged against v1.25.16 from Pod/kube-system/' },
    { name: '--target-version makes an upgrade target the judge', objects: pdb, cluster: { version: 'v1.24.17', targetVersion: 'v1.25' }, messages: ['removed'], messageIncludes: 'judged against v1.25 from --target-version' },
  ],
});
