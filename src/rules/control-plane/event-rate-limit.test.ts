import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './event-rate-limit.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--enable-admission-plugins=NodeRestriction,EventRateLimit', '--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file') },
    { name: 'repeated flag carries the item', objects: APISERVER.pod('--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file', '--enable-admission-plugins=PodSecurity', '--enable-admission-plugins', 'EventRateLimit') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: APISERVER.pod('--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file'), messages: ['missing'], paths: [APISERVER.command] },
    {
      name: 'item absent',
      objects: APISERVER.pod('--admission-control-config-file=/etc/kubernetes/pki/admission-control-config-file', '--enable-admission-plugins=PodSecurity'),
      messages: ['wrongValue'],
      paths: [APISERVER.arg(2)],
    },
    { name: 'flag missing', objects: APISERVER.pod('--enable-admission-plugins=NodeRestriction,EventRateLimit'), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'flag given without a value', objects: APISERVER.pod('--enable-admission-plugins=NodeRestriction,EventRateLimit', '--admission-control-config-file'), messages: ['missing'], paths: [APISERVER.arg(2)] },
  ],
});
