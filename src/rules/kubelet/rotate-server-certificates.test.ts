import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './rotate-server-certificates.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('featureGates: {RotateKubeletServerCertificate: true}') },
    { name: 'unset (GA, on by default)', objects: kubeletConfig('') },
    ...kubeletCoverageCases('featureGates: {RotateKubeletServerCertificate: true}'),
  ],
  invalid: [
    { name: 'disabled', objects: kubeletConfig('featureGates: {RotateKubeletServerCertificate: false}'), messages: ['wrongValue'], paths: ['featureGates.RotateKubeletServerCertificate'], messageIncludes: 'Node node-1' },
  ],
});
