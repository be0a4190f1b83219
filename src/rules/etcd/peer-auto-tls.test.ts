import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from '../control-plane/common.js';
import rule from './peer-auto-tls.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('etcd', []) },
    { name: 'explicit safe value', objects: componentPod('etcd', ['--peer-auto-tls=false']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'forbidden value',
      objects: componentPod('etcd', ['--peer-auto-tls=true']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/etcd-node1 spec.containers[0].command[1]'],
    },
  ],
});
