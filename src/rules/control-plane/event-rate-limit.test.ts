import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './event-rate-limit.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: componentPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit', '--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file']) },
    { name: 'repeated flag carries the item', objects: componentPod('kube-apiserver', ['--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file', '--enable-admission-plugins=PodSecurity', '--enable-admission-plugins', 'EventRateLimit']) },
    { name: 'control plane not visible (managed cluster)', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'flag unset',
      objects: componentPod('kube-apiserver', ['--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file']),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command'],
    },
    {
      name: 'item absent',
      objects: componentPod('kube-apiserver', ['--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file', '--enable-admission-plugins=PodSecurity']),
      messages: ['wrongValue'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[2]'],
    },
    {
      name: 'flag missing',
      objects: componentPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit']),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command'],
    },
    {
      name: 'flag given without a value',
      objects: componentPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit', '--admission-control-config-file']),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[2]'],
    },
  ],
});
