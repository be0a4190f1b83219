import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './authorization-mode.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('authorization: {mode: Webhook}') },
    ...kubeletCoverageCases('authorization: {mode: Webhook}'),
  ],
  invalid: [
    { name: 'AlwaysAllow', objects: kubeletConfig('authorization: {mode: AlwaysAllow}'), messages: ['wrongValue'], paths: ['authorization.mode'], messageIncludes: 'Node node-1' },
  ],
});
