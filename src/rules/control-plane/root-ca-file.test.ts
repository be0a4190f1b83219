import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './root-ca-file.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/root-ca-file']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'flag missing',
      objects: componentPod('kube-controller-manager', []),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-controller-manager-node1 spec.containers[0].command'],
    },
    {
      name: 'flag given without a value',
      objects: componentPod('kube-controller-manager', ['--root-ca-file']),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-controller-manager-node1 spec.containers[0].command[1]'],
    },
  ],
});
