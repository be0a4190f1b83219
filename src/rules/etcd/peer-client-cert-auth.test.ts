import { CONTROL_PLANE_NOT_VISIBLE, ETCD } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './peer-client-cert-auth.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: ETCD.pod('--peer-client-cert-auth=true') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'flag unset', objects: ETCD.pod(), messages: ['missing'], paths: [ETCD.command] },
    { name: 'wrong value', objects: ETCD.pod('--peer-client-cert-auth=false'), messages: ['wrongValue'], paths: [ETCD.arg(1)] },
  ],
});
