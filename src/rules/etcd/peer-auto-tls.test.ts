import { CONTROL_PLANE_NOT_VISIBLE, ETCD } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './peer-auto-tls.js';

testRule(rule, {
  valid: [
    { name: 'compliant flags', objects: ETCD.pod() },
    { name: 'explicit safe value', objects: ETCD.pod('--peer-auto-tls=false') },
    CONTROL_PLANE_NOT_VISIBLE,
  ],
  invalid: [
    { name: 'forbidden value', objects: ETCD.pod('--peer-auto-tls=true'), messages: ['wrongValue'], paths: [ETCD.arg(1)] },
  ],
});
