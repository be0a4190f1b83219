import { testRule } from '../../../test/helpers/rule-tester.js';
import { pod, workload } from '../../../test/helpers/fixtures.js';
import rule from './shadow-apiserver.js';

const APISERVER = 'registry.k8s.io/kube-apiserver:v1.36.3';

testRule(rule, {
  valid: [
    { name: 'the control plane\'s static pod in kube-system', objects: pod({ name: 'kube-apiserver-cp1', namespace: 'kube-system', image: APISERVER }) },
    { name: 'any other image', objects: pod({ namespace: 'tools', image: 'nginx:1.27' }), status: 'not-applicable' },
    { name: 'kube-controller-manager is not an API server', objects: pod({ namespace: 'tools', image: 'registry.k8s.io/kube-controller-manager:v1.36.3' }), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'a Deployment running kube-apiserver in a user namespace, AlwaysAllow against the cluster etcd',
      objects: workload('Deployment', `containers: [{name: api, image: "${APISERVER}", command: [kube-apiserver, --authorization-mode=AlwaysAllow, --anonymous-auth=true, "--etcd-servers=https://10.0.0.10:2379"]}]`, { namespace: 'tools' }),
      messages: ['shadow'],
      paths: ['metadata.namespace', 'spec.template.spec.containers[0].image'],
      messageIncludes: 'Deployment d runs kube-apiserver (api: registry.k8s.io/kube-apiserver:v1.36.3) outside kube-system with --authorization-mode=AlwaysAllow --anonymous-auth=true --etcd-servers=https://10.0.0.10:2379',
    },
    { name: 'recognised by its command in another image (hyperkube-style)', objects: pod({ namespace: 'tools', image: 'example.com/k8s-all:1', container: 'command: [/usr/local/bin/kube-apiserver]' }), messages: ['shadow'], messageIncludes: 'outside kube-system' },
    { name: 'an arch-suffixed image', objects: pod({ namespace: 'default', image: 'k8s.gcr.io/kube-apiserver-amd64:v1.10.0' }), messages: ['shadow'] },
  ],
});
