import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from '../control-plane/common.js';
import rule from './peer-tls.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('etcd', ['--peer-cert-file=/etc/kubernetes/pki/peer-cert-file', '--peer-key-file=/etc/kubernetes/pki/peer-key-file']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'flag missing',
      objects: componentPod('etcd', []),
      messages: ['missing'],
      paths: ['Pod/kube-system/etcd-node1 spec.containers[0].command'],
    },
    {
      name: 'only the first flag set',
      objects: componentPod('etcd', ['--peer-cert-file=/etc/a']),
      messages: ['missing'],
      paths: ['Pod/kube-system/etcd-node1 spec.containers[0].command'],
    },
  ],
});
