import { kubeletCoverageCases } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './event-record-qps.js';

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('eventRecordQPS: 50') },
    { name: 'unset', objects: kubeletConfig('') },
    { name: 'zero (unlimited)', objects: kubeletConfig('eventRecordQPS: 0') },
    ...kubeletCoverageCases('eventRecordQPS: 50'),
  ],
  invalid: [
    { name: 'negative', objects: kubeletConfig('eventRecordQPS: -1'), messages: ['wrongValue'], paths: ['eventRecordQPS'], messageIncludes: 'Node node-1' },
  ],
});
