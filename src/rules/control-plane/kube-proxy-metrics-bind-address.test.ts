import { configMapFile } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './kube-proxy-metrics-bind-address.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const cm = (addr: string) => configMapFile('kube-proxy', 'config.conf', `
  apiVersion: kubeproxy.config.k8s.io/v1alpha1
  kind: KubeProxyConfiguration
  metricsBindAddress: "${addr}"`);
const ds = (args: string) => `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-proxy, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: kube-proxy, image: k, command: [/usr/local/bin/kube-proxy, --config=/var/lib/kube-proxy/config.conf], args: ${args}}]
`;

testRule(rule, {
  valid: [
    { name: 'localhost in the config', objects: cluster + cm('127.0.0.1:10249') },
    { name: 'empty value keeps the localhost default', objects: cluster + cm('') + ds('[]') },
    { name: 'no kube-proxy', objects: cluster, status: 'not-applicable' },
  ],
  invalid: [
    { name: 'all interfaces in the config', objects: cluster + cm('0.0.0.0:10249'), messages: ['exposed'], paths: ['ConfigMap/kube-system/kube-proxy data.config.conf.metricsBindAddress'] },
    {
      name: 'DaemonSet flag overrides',
      objects: cluster + cm('127.0.0.1:10249') + ds('[--metrics-bind-address=0.0.0.0:10249]'),
      messages: ['exposed'],
      paths: ['DaemonSet/kube-system/kube-proxy spec.template.spec.containers[0].args[0]'],
    },
  ],
});
