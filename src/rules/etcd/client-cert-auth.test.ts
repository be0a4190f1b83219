import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from '../control-plane/common.js';
import rule from './client-cert-auth.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('etcd', ['--client-cert-auth=true']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'flag unset',
      objects: componentPod('etcd', []),
      messages: ['missing'],
      paths: ['Pod/kube-system/etcd-node1 spec.containers[0].command'],
    },
    {
      name: 'wrong value',
      objects: componentPod('etcd', ['--client-cert-auth=false']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/etcd-node1 spec.containers[0].command[1]'],
    },
  ],
});
