import { CONTROL_PLANE_NOT_VISIBLE, ETCD } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './peer-tls.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: ETCD.pod('--peer-cert-file=/etc/kubernetes/pki/peer-cert-file', '--peer-key-file=/etc/kubernetes/pki/peer-key-file') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: ETCD.pod(), messages: ['missing'], paths: [ETCD.command] },
    { name: 'only the first flag set', objects: ETCD.pod('--peer-cert-file=/etc/a'), messages: ['missing'], paths: [ETCD.command] },
  ],
});
