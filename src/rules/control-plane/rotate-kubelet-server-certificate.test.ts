import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './rotate-kubelet-server-certificate.js';

testRule(rule, {
  valid: [
    { name: 'unset', objects: componentPod('kube-controller-manager', []) },
    { name: 'explicitly true', objects: componentPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=true']) },
    { name: 'not visible', objects: componentPod('kube-apiserver', []), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'disabled among other gates',
      objects: componentPod('kube-controller-manager', ['--feature-gates=Foo=true,RotateKubeletServerCertificate=false']),
      messages: ['disabled'],
      paths: ['Pod/kube-system/kube-controller-manager-node1 spec.containers[0].command[1]'],
    },
  ],
});
