import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './streaming-connection-idle-timeout.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('streamingConnectionIdleTimeout: 5m0s') },
    { name: 'unset (4h default)', objects: kubeletConfig('') },
    ...kubeletCoverageCases('streamingConnectionIdleTimeout: 5m0s'),
  ],
  invalid: [
    { name: 'zero', objects: kubeletConfig('streamingConnectionIdleTimeout: 0s'), messages: ['wrongValue'], paths: ['streamingConnectionIdleTimeout'], messageIncludes: 'Node node-1' },
  ],
});
