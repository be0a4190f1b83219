import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './apiserver-tls.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--tls-cert-file=/etc/kubernetes/pki/tls-cert-file', '--tls-private-key-file=/etc/kubernetes/pki/tls-private-key-file') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'only the first flag set', objects: APISERVER.pod('--tls-cert-file=/etc/a'), messages: ['missing'], paths: [APISERVER.command] },
  ],
});
