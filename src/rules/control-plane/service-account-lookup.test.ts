import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './service-account-lookup.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod() },
    { name: 'explicit safe value', objects: APISERVER.pod('--service-account-lookup=true') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'forbidden value', objects: APISERVER.pod('--service-account-lookup=false'), messages: ['wrongValue'], paths: [APISERVER.arg(1)] },
  ],
});
