import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './encryption-provider-config.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--encryption-provider-config=/etc/kubernetes/pki/encryption-provider-config') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'flag given without a value', objects: APISERVER.pod('--encryption-provider-config'), messages: ['missing'], paths: [APISERVER.arg(1)] },
  ],
});
