import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './service-account-extend-token-expiration.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--service-account-extend-token-expiration=false') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'wrong value', objects: APISERVER.pod('--service-account-extend-token-expiration=true'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
