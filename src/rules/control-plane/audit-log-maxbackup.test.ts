import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './audit-log-maxbackup.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--audit-log-maxbackup=10') },
    { name: 'above the minimum', objects: APISERVER.pod('--audit-log-maxbackup=30') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'too low', objects: APISERVER.pod('--audit-log-maxbackup=9'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
