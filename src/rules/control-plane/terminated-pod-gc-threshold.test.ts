import { CONTROLLER_MANAGER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './terminated-pod-gc-threshold.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: CONTROLLER_MANAGER.pod('--terminated-pod-gc-threshold=/etc/kubernetes/pki/terminated-pod-gc-threshold') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: CONTROLLER_MANAGER.pod(), messages: ['missing'], paths: [CONTROLLER_MANAGER.command] },
    { name: 'flag given without a value', objects: CONTROLLER_MANAGER.pod('--terminated-pod-gc-threshold'), messages: ['missing'], paths: [CONTROLLER_MANAGER.arg(1)] },
  ],
});
