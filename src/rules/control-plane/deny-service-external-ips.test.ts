import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './deny-service-external-ips.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--enable-admission-plugins=NodeRestriction,DenyServiceExternalIPs') },
    { name: 'repeated flag carries the item', objects: APISERVER.pod('--enable-admission-plugins=PodSecurity', '--enable-admission-plugins', 'DenyServiceExternalIPs') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'item absent', objects: APISERVER.pod('--enable-admission-plugins=PodSecurity'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
