import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './strong-ciphers.js';

testRule(rule, {
  valid: [{ name: 'strong only', objects: kubeletConfig('tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256]') }],
  invalid: [
    { name: 'unset', objects: kubeletConfig(''), messages: ['missing'], paths: ['tlsCipherSuites'] },
    { name: 'a CBC suite', objects: kubeletConfig('tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA]'), messages: ['weak'], messageIncludes: 'CBC' },
  ],
});
