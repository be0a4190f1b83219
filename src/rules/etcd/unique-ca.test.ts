import { APISERVER, ETCD } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './unique-ca.js';

const apiserver = APISERVER.pod('--client-ca-file=/etc/kubernetes/pki/ca.crt');

testRule(rule, {
  valid: [
    { name: 'dedicated etcd CA', objects: ETCD.pod('--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt') + '---' + apiserver },
    { name: 'etcd not visible', objects: apiserver, status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no trusted CA', objects: ETCD.pod(), messages: ['missing'] },
    { name: 'same CA as the API server client CA', objects: ETCD.pod('--trusted-ca-file=/etc/kubernetes/pki/ca.crt') + '---' + apiserver, messages: ['sameCa'] },
  ],
});
