/** The table on a terminal (issue 13, point 6): text from the input never drives the terminal. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/cli/terminal.js';
import { runCli } from '../helpers/cli.js';

const ESC = '\u001b';

describe('the table escapes control characters from the input', () => {
  it('a file name that sets the window title and clears the screen is shown escaped, with and without colour', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-tty-'));
    const evil = join(dir, `${ESC}]0;pwned\u0007${ESC}[2J.yaml`);
    await writeFile(evil, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: a}\n');
    await writeFile(join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    for (const tty of [false, true]) {
      const r = await runCli(['scan', '--from', dir], { tty });
      // (the table wraps long lines at 80 columns: compare without the line breaks)
      expect(r.stdout.replace(/\n\s*/g, ''), `tty=${tty}`).toContain('\\x1b]0;pwned\\x07\\x1b[2J.yaml');
      expect(r.stdout).not.toContain(`${ESC}]0;`);
      expect(r.stdout).not.toContain(`${ESC}[2J`);
      // Colour only on a terminal, and then only as SGR sequences.
      const sequences = [...r.stdout.matchAll(/\u001b[^a-zA-Z]*[a-zA-Z]/g)].map((m) => m[0]);
      if (tty) expect(sequences.length).toBeGreaterThan(0);
      else expect(sequences).toEqual([]);
      for (const s of sequences) expect(s).toMatch(/^\u001b\[[0-9;]*m$/);
    }
  });

  it('terminalText keeps SGR only with colour on, and escapes everything else', () => {
    const text = `${ESC}[31mred${ESC}[39m ${ESC}]0;t\u0007 \u202e`;
    expect(terminalText(text, true)).toBe(`${ESC}[31mred${ESC}[39m \\x1b]0;t\\x07 \\u202e`);
    expect(terminalText(text, false)).toBe('\\x1b[31mred\\x1b[39m \\x1b]0;t\\x07 \\u202e');
  });
});
