import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './make-iptables-util-chains.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('makeIPTablesUtilChains: true') },
    { name: 'unset (defaults to true)', objects: kubeletConfig('') },
    ...kubeletCoverageCases('makeIPTablesUtilChains: true'),
  ],
  invalid: [
    { name: 'false', objects: kubeletConfig('makeIPTablesUtilChains: false'), messages: ['wrongValue'], paths: ['makeIPTablesUtilChains'], messageIncludes: 'Node node-1' },
  ],
});
