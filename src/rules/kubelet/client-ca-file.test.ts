import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './client-ca-file.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('authentication: {x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}}') },
    ...kubeletCoverageCases('authentication: {x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}}'),
  ],
  invalid: [
    { name: 'no client CA', objects: kubeletConfig('authentication: {webhook: {enabled: true}}'), messages: ['missing'], paths: ['authentication.x509.clientCAFile'], messageIncludes: 'Node node-1' },
  ],
});
