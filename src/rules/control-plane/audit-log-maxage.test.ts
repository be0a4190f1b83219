import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './audit-log-maxage.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--audit-log-maxage=30') },
    { name: 'above the minimum', objects: APISERVER.pod('--audit-log-maxage=90') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'too low', objects: APISERVER.pod('--audit-log-maxage=29'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
