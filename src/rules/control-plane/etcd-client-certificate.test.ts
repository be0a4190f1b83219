import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './etcd-client-certificate.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--etcd-certfile=/etc/kubernetes/pki/etcd-certfile', '--etcd-keyfile=/etc/kubernetes/pki/etcd-keyfile') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'only the first flag set', objects: APISERVER.pod('--etcd-certfile=/etc/a'), messages: ['missing'], paths: [APISERVER.command] },
  ],
});
