import { APISERVER } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { goDurationSeconds } from './common.js';
import { expect, it } from 'vitest';
import rule from './request-timeout.js';

testRule(rule, {
  valid: [
    { name: 'unset (60s default)', objects: APISERVER.pod() },
    { name: '5m', objects: APISERVER.pod('--request-timeout=5m') },
    { name: '1m30s', objects: APISERVER.pod('--request-timeout', '1m30s') },
  ],
  invalid: [
    { name: 'zero', objects: APISERVER.pod('--request-timeout=0s'), messages: ['wrongValue'] },
    { name: 'not a duration', objects: APISERVER.pod('--request-timeout=soon'), messages: ['wrongValue'] },
  ],
});

it('parses Go durations', () => {
  expect(goDurationSeconds('1h2m3s')).toBe(3723);
  expect(goDurationSeconds('500ms')).toBe(0.5);
  expect(goDurationSeconds('0')).toBe(0);
  expect(goDurationSeconds('10')).toBeUndefined();
  expect(goDurationSeconds('4h0m0s')).toBe(14400);
});
