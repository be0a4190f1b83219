import { APISERVER, CONTROL_PLANE_NOT_VISIBLE } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './kubelet-client-certificate.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: APISERVER.pod('--kubelet-client-certificate=/etc/kubernetes/pki/kubelet-client-certificate', '--kubelet-client-key=/etc/kubernetes/pki/kubelet-client-key') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag missing', objects: APISERVER.pod(), messages: ['missing'], paths: [APISERVER.command] },
    { name: 'only the first flag set', objects: APISERVER.pod('--kubelet-client-certificate=/etc/a'), messages: ['missing'], paths: [APISERVER.command] },
  ],
});
