import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './audit-log-maxsize.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-apiserver', ['--audit-log-maxsize=100']) },
    { name: 'above the minimum', objects: componentPod('kube-apiserver', ['--audit-log-maxsize=300']) },
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
      name: 'too low',
      objects: componentPod('kube-apiserver', ['--audit-log-maxsize=99']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[1]'],
    },
  ],
});
