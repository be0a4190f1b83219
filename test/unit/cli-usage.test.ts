import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/cli/suggest.js';
import { runCli } from '../helpers/cli.js';

describe('first-contact errors', () => {
  it('a mistyped option: one line with the closest option, and a --help hint; not the whole help', async () => {
    const r = await runCli(['scan', '--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('palisade scan: unknown option --formt (did you mean "--format"?)\nRun "palisade scan --help" for its options.\n');
  });

  it('an option nothing resembles gets no suggestion', async () => {
    const r = await runCli(['rules', '--zzzzzzzz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('palisade rules: unknown option --zzzzzzzz\nRun "palisade rules --help" for its options.\n');
  });

  it('other usage errors: the message and the hint, two lines', async () => {
    const r = await runCli(['rules', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('palisade rules: --format must be table or json, not "xml"\nRun "palisade rules --help" for its options.\n');
  });

  it('a mistyped command: the closest command and a help hint', async () => {
    const r = await runCli(['scna']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('palisade: unknown command "scna" (did you mean "scan"?)\nRun "palisade help" for the commands.\n');
    expect((await runCli(['explian'])).stderr).toContain('(did you mean "explain"?)');
    expect((await runCli(['frobnicate'])).stderr).toBe('palisade: unknown command "frobnicate"\nRun "palisade help" for the commands.\n');
  });

  it('suggest: within a third of the word (at least 2), else nothing', () => {
    expect(suggest('--namespce', ['--namespace', '--name'])).toBe('--namespace');
    expect(suggest('x', ['scan'])).toBeUndefined();
    expect(suggest('abc', [])).toBeUndefined();
  });
});
