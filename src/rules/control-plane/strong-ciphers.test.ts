import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './strong-ciphers.js';

testRule(rule, {
  valid: [
    { name: 'GCM and ChaCha only', objects: componentPod('kube-apiserver', ['--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305']) },
  ],
  invalid: [
    { name: 'unset', objects: componentPod('kube-apiserver', []), messages: ['missing'] },
    {
      name: 'a CBC suite',
      objects: componentPod('kube-apiserver', ['--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_CBC_SHA']),
      messages: ['weak'],
      messageIncludes: 'TLS_RSA_WITH_AES_128_CBC_SHA',
    },
  ],
});
