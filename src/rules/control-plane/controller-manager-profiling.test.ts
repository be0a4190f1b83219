import { CONTROLLER_MANAGER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './controller-manager-profiling.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: CONTROLLER_MANAGER.pod('--profiling=false') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: CONTROLLER_MANAGER.pod(), messages: ['missing'], paths: [CONTROLLER_MANAGER.command] },
    { name: 'wrong value', objects: CONTROLLER_MANAGER.pod('--profiling=true'), messages: ['wrongValue'], paths: [CONTROLLER_MANAGER.arg(1)] },
  ],
});
