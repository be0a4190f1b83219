import { APISERVER, CONTROLLER_MANAGER } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './rotate-kubelet-server-certificate.js';

testRule(rule, {
  valid: [
    { name: 'unset', objects: CONTROLLER_MANAGER.pod() },
    { name: 'explicitly true', objects: CONTROLLER_MANAGER.pod('--feature-gates=RotateKubeletServerCertificate=true') },
    { name: 'not visible', objects: APISERVER.pod(), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'disabled among other gates', objects: CONTROLLER_MANAGER.pod('--feature-gates=Foo=true,RotateKubeletServerCertificate=false'), messages: ['disabled'], paths: [CONTROLLER_MANAGER.arg(1)] },
  ],
});
