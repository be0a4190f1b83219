import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './encryption-provider-config.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/pki/encryption-provider-config']) },
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
      name: 'flag given without a value',
      objects: componentPod('kube-apiserver', ['--encryption-provider-config']),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[1]'],
    },
  ],
});
