import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './etcd-cafile.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--etcd-cafile=/etc/kubernetes/pki/etcd-cafile') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'flag given without a value', objects: APISERVER.pod('--etcd-cafile'), messages: ['missing'], paths: [APISERVER.arg(1)] },
  ],
});
