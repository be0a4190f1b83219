import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './pod-pids-limit.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('podPidsLimit: 4096') },
    ...kubeletCoverageCases('podPidsLimit: 4096'),
  ],
  invalid: [
    { name: 'unset (unlimited)', objects: kubeletConfig(''), messages: ['missing'], paths: ['podPidsLimit'], messageIncludes: 'Node node-1' },
    { name: '-1 (unlimited)', objects: kubeletConfig('podPidsLimit: -1'), messages: ['wrongValue'], paths: ['podPidsLimit'], messageIncludes: 'Node node-1' },
  ],
});
