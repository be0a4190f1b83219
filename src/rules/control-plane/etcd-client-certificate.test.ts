import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './etcd-client-certificate.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-apiserver', ['--etcd-certfile=/etc/kubernetes/pki/etcd-certfile', '--etcd-keyfile=/etc/kubernetes/pki/etcd-keyfile']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'flag missing',
      objects: componentPod('kube-apiserver', []),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command'],
    },
    {
      name: 'only the first flag set',
      objects: componentPod('kube-apiserver', ['--etcd-certfile=/etc/a']),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command'],
    },
  ],
});
