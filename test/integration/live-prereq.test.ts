/** The prerequisite rule every integration test relies on: under CI a missing part fails, never skips. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MissingPrerequisiteError, onPath, requirePrereq } from '../helpers/prereq.ts';

const savedCI = process.env['CI'];
afterEach(() => {
  if (savedCI === undefined) delete process.env['CI'];
  else process.env['CI'] = savedCI;
  vi.restoreAllMocks();
});

describe('requirePrereq', () => {
  it('passes when the check finds the prerequisite', () => {
    process.env['CI'] = 'true';
    expect(requirePrereq('node', () => true)).toBe(true);
  });

  it('throws under CI=true when the prerequisite is missing', () => {
    process.env['CI'] = 'true';
    expect(() => requirePrereq('prometheus', onPath('palisade-no-such-binary'))).toThrow(MissingPrerequisiteError);
    expect(() => requirePrereq('chromium', () => 'not installed')).toThrow('missing prerequisite "chromium": not installed');
  });

  it('outside CI: returns false and prints a loud warning naming the prerequisite', () => {
    delete process.env['CI'];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(requirePrereq('pushgateway', () => false)).toBe(false);
    const printed = write.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toContain('SKIPPING tests that need "pushgateway"');
    expect(printed).toContain('Under CI=true this is a failure');
  });

  it('CI=false and CI=0 count as not CI', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (const v of ['false', '0', '']) {
      process.env['CI'] = v;
      expect(requirePrereq('x', () => false)).toBe(false);
    }
  });
});
