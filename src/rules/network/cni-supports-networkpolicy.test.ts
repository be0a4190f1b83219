import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './cni-supports-networkpolicy.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const ds = (name: string, image: string) => `---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ${name}, namespace: kube-system}\nspec: {template: {spec: {containers: [{name: a, image: "${image}"}]}}}\n`;

testRule(rule, {
  valid: [
    { name: 'calico', objects: cluster + ds('calico-node', 'docker.io/calico/node:v3.28.0') },
    { name: 'flannel with canal', objects: cluster + ds('canal', 'docker.io/calico/node:v3.28.0') + ds('kube-flannel-ds', 'flannel/flannel:v0.25') },
    { name: 'nothing recognised', objects: cluster + ds('kube-proxy', 'registry.k8s.io/kube-proxy:v1.36.3'), status: 'unknown' },
  ],
  invalid: [{ name: 'flannel alone', objects: cluster + ds('kube-flannel-ds', 'docker.io/flannel/flannel:v0.25.1'), messages: ['unsupported'], messageIncludes: 'kube-flannel-ds' }],
});
