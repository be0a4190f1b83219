import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './anonymous-auth.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('authentication: {anonymous: {enabled: false}}') },
    { name: 'unset (KubeletConfiguration v1beta1 defaults to false)', objects: kubeletConfig('') },
    ...kubeletCoverageCases('authentication: {anonymous: {enabled: false}}'),
  ],
  invalid: [
    { name: 'enabled', objects: kubeletConfig('authentication: {anonymous: {enabled: true}}'), messages: ['wrongValue'], paths: ['authentication.anonymous.enabled'], messageIncludes: 'Node node-1' },
  ],
});
