import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './apiserver-profiling.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-apiserver', ['--profiling=false']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'flag unset',
      objects: componentPod('kube-apiserver', []),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command'],
    },
    {
      name: 'wrong value',
      objects: componentPod('kube-apiserver', ['--profiling=true']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[1]'],
    },
  ],
});
