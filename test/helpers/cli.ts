/** Runs the CLI in-process with captured output, as `palisade ARGS` would (exit code, stdout, stderr). */
import { Writable } from 'node:stream';
import { run } from '../../src/cli/run.js';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tty`: stdout claims to be a terminal (colours, widths); `env` replaces the environment (default empty). */
export async function runCli(argv: readonly string[], opts: { tty?: boolean; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  const stdout = new Capture(opts.tty ?? false);
  const stderr = new Capture();
  const code = await run([...argv], { stdout, stderr, env: opts.env ?? {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
