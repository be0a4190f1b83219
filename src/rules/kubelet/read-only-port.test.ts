import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './read-only-port.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('readOnlyPort: 0') },
    { name: 'unset (defaults to 0)', objects: kubeletConfig('') },
    ...kubeletCoverageCases('readOnlyPort: 0'),
  ],
  invalid: [
    { name: '10255', objects: kubeletConfig('readOnlyPort: 10255'), messages: ['wrongValue'], paths: ['readOnlyPort'], messageIncludes: 'Node node-1' },
  ],
});
