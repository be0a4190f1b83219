import { APISERVER } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './strong-ciphers.js';

testRule(rule, {
  valid: [
    { name: 'GCM and ChaCha only', objects: APISERVER.pod('--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305') },
  ],
  invalid: [
    { name: 'unset', objects: APISERVER.pod(), messages: ['missing'] },
    { name: 'a CBC suite', objects: APISERVER.pod('--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_CBC_SHA'), messages: ['weak'], messageIncludes: 'TLS_RSA_WITH_AES_128_CBC_SHA' },
  ],
});
