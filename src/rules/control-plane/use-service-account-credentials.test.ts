import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './use-service-account-credentials.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-controller-manager', ['--use-service-account-credentials=true']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'flag unset',
      objects: componentPod('kube-controller-manager', []),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-controller-manager-node1 spec.containers[0].command'],
    },
    {
      name: 'wrong value',
      objects: componentPod('kube-controller-manager', ['--use-service-account-credentials=false']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/kube-controller-manager-node1 spec.containers[0].command[1]'],
    },
  ],
});
