import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './rotate-certificates.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('rotateCertificates: true') },
    ...kubeletCoverageCases('rotateCertificates: true'),
  ],
  invalid: [
    { name: 'unset (the effective value is false)', objects: kubeletConfig(''), messages: ['missing'], paths: ['rotateCertificates'], messageIncludes: 'Node node-1' },
    { name: 'false', objects: kubeletConfig('rotateCertificates: false'), messages: ['wrongValue'], paths: ['rotateCertificates'], messageIncludes: 'Node node-1' },
  ],
});
