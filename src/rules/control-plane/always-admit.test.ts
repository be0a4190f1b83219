import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './always-admit.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod() },
    { name: 'other items only', objects: APISERVER.pod('--enable-admission-plugins=NodeRestriction') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'item present', objects: APISERVER.pod('--enable-admission-plugins=NodeRestriction,AlwaysAdmit'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
