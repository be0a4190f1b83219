import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './audit-policy-file.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--audit-policy-file=/etc/kubernetes/pki/audit-policy-file') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'flag given without a value', objects: APISERVER.pod('--audit-policy-file'), messages: ['missing'], paths: [APISERVER.arg(1)] },
  ],
});
