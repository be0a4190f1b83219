import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from '../control-plane/common.js';
import rule from './unique-ca.js';

const apiserver = componentPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt']);

testRule(rule, {
  valid: [
    { name: 'dedicated etcd CA', objects: componentPod('etcd', ['--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt']) + '---' + apiserver },
    { name: 'etcd not visible', objects: apiserver, status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no trusted CA', objects: componentPod('etcd', []), messages: ['missing'] },
    { name: 'same CA as the API server client CA', objects: componentPod('etcd', ['--trusted-ca-file=/etc/kubernetes/pki/ca.crt']) + '---' + apiserver, messages: ['sameCa'] },
  ],
});
