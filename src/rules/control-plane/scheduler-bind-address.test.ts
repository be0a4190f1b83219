import { CONTROL_PLANE_NOT_VISIBLE, SCHEDULER } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './scheduler-bind-address.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: SCHEDULER.pod('--bind-address=127.0.0.1') },
    { name: 'unset (the default is safe)', objects: SCHEDULER.pod() },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'wrong value', objects: SCHEDULER.pod('--bind-address=0.0.0.0'), messages: ['wrongValue'], paths: [SCHEDULER.arg(1)] },
  ],
});
