import { describe, expect, it } from 'vitest';
import { joinMessages, MAX_JOINED_MESSAGES } from './runner.js';

describe('joinMessages', () => {
  it('joins distinct, non-empty messages in order', () => {
    expect(joinMessages(['a', '', 'b', 'a'])).toBe('a; b');
    expect(joinMessages([])).toBe('');
  });

  it(`shows ${MAX_JOINED_MESSAGES} messages in full and counts the rest`, () => {
    const many = Array.from({ length: 41 }, (_, i) => `tenant-${i} can reach it`);
    const out = joinMessages(many);
    expect(out.startsWith('tenant-0 can reach it; tenant-1 can reach it')).toBe(true);
    expect(out).toContain(`tenant-${MAX_JOINED_MESSAGES - 1} can reach it; and ${41 - MAX_JOINED_MESSAGES} more (listed in the evidence)`);
    expect(out).not.toContain(`tenant-${MAX_JOINED_MESSAGES} can`);
    expect(joinMessages(many.slice(0, MAX_JOINED_MESSAGES))).not.toContain('more');
  });
});
