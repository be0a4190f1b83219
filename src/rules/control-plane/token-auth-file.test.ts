import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './token-auth-file.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod() },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag set', objects: APISERVER.pod('--token-auth-file=/etc/tokens.csv'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
