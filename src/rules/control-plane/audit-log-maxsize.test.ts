import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './audit-log-maxsize.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--audit-log-maxsize=100') },
    { name: 'above the minimum', objects: APISERVER.pod('--audit-log-maxsize=300') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'too low', objects: APISERVER.pod('--audit-log-maxsize=99'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
