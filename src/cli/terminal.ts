/**
 * Terminal safety: text that came from the input (object names, labels, file names, messages of
 * rule errors, `--cluster`, a snapshot's `source`) must not drive the terminal. Control characters
 * are shown as escapes instead of being sent: C0 except newline and tab (ESC, BEL, backspace, CR...),
 * DEL, C1 (0x80-0x9f, which some terminals take as CSI/OSC), and the Unicode bidirectional
 * overrides that reorder what is displayed. Palisade's own colour codes are added after this.
 */
import { Writable } from 'node:stream';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control character replaced by a visible escape (`\x1b`, `\u202e`). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A stream that writes `terminalSafe` text to `target`: everything Palisade prints to stderr goes through one. */
export function terminalSafeStream<T extends NodeJS.WritableStream & { isTTY?: boolean }>(target: T): NodeJS.WritableStream & { isTTY?: boolean } {
  const safe = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      target.write(terminalSafe(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
      callback();
    },
  });
  return Object.assign(safe, target.isTTY !== undefined ? { isTTY: target.isTTY } : {});
}

const SGR = /\u001b\[[0-9;]*m/g;

/** `terminalSafe` for a report that may carry Palisade's own colour: SGR sequences pass when colour is on. */
export function terminalText(text: string, color: boolean): string {
  if (!color) return terminalSafe(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SGR)) {
    out += terminalSafe(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + terminalSafe(text.slice(last));
}
