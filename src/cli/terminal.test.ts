import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeStream } from './terminal.js';
import { runCli } from '../../test/helpers/cli.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('terminalSafe', () => {
  it('escapes ESC sequences (clear screen, window title), BEL, CR, backspace, DEL, C1 and bidi overrides', () => {
    expect(terminalSafe('ns-\u001b[2J\u001b]0;pwned\u0007')).toBe('ns-\\x1b[2J\\x1b]0;pwned\\x07');
    expect(terminalSafe('a\rb\bc\u007fd\u009be')).toBe('a\\x0db\\x08c\\x7fd\\x9be');
    expect(terminalSafe('evil\u202etxt.yaml')).toBe('evil\\u202etxt.yaml');
  });

  it('keeps newlines, tabs and printable Unicode as they are', () => {
    const text = 'palisade: ok\n\tRené, 東京, emoji 🙂, U+00A0:\u00a0.';
    expect(terminalSafe(text)).toBe(text);
  });

  it('terminalSafeStream escapes what is written through it, strings and buffers alike', async () => {
    let seen = '';
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        seen += chunk.toString();
        cb();
      },
    });
    const safe = terminalSafeStream(sink);
    safe.write('a\u001b[31m');
    safe.write(Buffer.from('b\u0007\n'));
    await new Promise((r) => setImmediate(r));
    expect(seen).toBe('a\\x1b[31mb\\x07\n');
  });
});

describe('stderr of the CLI carries no control characters from the input', () => {
  it('file names, object names and --cluster reach stderr escaped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-term-'));
    const file = join(dir, 'evil\u001b]0;title\u0007.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "x\\e[2J", namespace: 2024}\n');
    const r = await runCli(['scan', '--from', file, '--cluster', 'c\u001b[2J']);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).toContain('evil\\x1b]0;title\\x07.yaml');
    expect(r.stderr).toContain('x\\x1b[2J');
  }, 60_000);
});
