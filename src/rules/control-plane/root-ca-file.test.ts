import { CONTROLLER_MANAGER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './root-ca-file.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: CONTROLLER_MANAGER.pod('--root-ca-file=/etc/kubernetes/pki/root-ca-file') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: CONTROLLER_MANAGER.pod(), messages: ['missing'], paths: [CONTROLLER_MANAGER.command] },
    { name: 'flag given without a value', objects: CONTROLLER_MANAGER.pod('--root-ca-file'), messages: ['missing'], paths: [CONTROLLER_MANAGER.arg(1)] },
  ],
});
