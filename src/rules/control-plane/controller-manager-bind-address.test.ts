import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './controller-manager-bind-address.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-controller-manager', ['--bind-address=127.0.0.1']) },
    { name: 'unset (the default is safe)', objects: componentPod('kube-controller-manager', []) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'wrong value',
      objects: componentPod('kube-controller-manager', ['--bind-address=0.0.0.0']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/kube-controller-manager-node1 spec.containers[0].command[1]'],
    },
  ],
});
