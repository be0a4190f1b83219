import { CONTROLLER_MANAGER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './controller-manager-bind-address.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: CONTROLLER_MANAGER.pod('--bind-address=127.0.0.1') },
    { name: 'unset (the default is safe)', objects: CONTROLLER_MANAGER.pod() },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'wrong value', objects: CONTROLLER_MANAGER.pod('--bind-address=0.0.0.0'), messages: ['wrongValue'], paths: [CONTROLLER_MANAGER.arg(1)] },
  ],
});
