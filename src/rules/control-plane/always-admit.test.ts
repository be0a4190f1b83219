import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './always-admit.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-apiserver', []) },
    { name: 'other items only', objects: componentPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'item present',
      objects: componentPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[1]'],
    },
  ],
});
