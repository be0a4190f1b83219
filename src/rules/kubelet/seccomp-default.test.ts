import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './seccomp-default.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('seccompDefault: true') },
    ...kubeletCoverageCases('seccompDefault: true'),
  ],
  invalid: [
    { name: 'unset (defaults to false)', objects: kubeletConfig(''), messages: ['missing'], paths: ['seccompDefault'], messageIncludes: 'Node node-1' },
  ],
});
