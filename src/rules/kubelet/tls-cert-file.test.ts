import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './tls-cert-file.js';

testRule(rule, {
  valid: [
    { name: 'certificate files', objects: kubeletConfig('tlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key') },
    { name: 'serverTLSBootstrap', objects: kubeletConfig('serverTLSBootstrap: true') },
  ],
  invalid: [
    { name: 'neither', objects: kubeletConfig(''), messages: ['selfSigned'], paths: ['tlsCertFile', 'serverTLSBootstrap'] },
    { name: 'only the certificate', objects: kubeletConfig('tlsCertFile: /a.crt'), messages: ['selfSigned'] },
  ],
});
