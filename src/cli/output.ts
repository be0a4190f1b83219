/**
 * Writing reports: every format is streamed to its destination with back-pressure; paths are
 * checked before the scan starts; one destination failing does not lose the others.
 */
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { batched, type OutputChunks } from '../report/stream.js';
export { PipeClosedError, writeChunks } from '../report/stream.js';
import { UsageError } from './io.js';

/** Exit code when the reader of stdout went away (`palisade scan | head`): as a shell reports SIGPIPE. */
export const PIPE_CLOSED_EXIT = 141;

/** A report could not be written (disk full, permission); exit 3 after the other destinations were written. */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as NodeJS.ErrnoException).code : undefined;
}

function reason(err: unknown): string {
  const code = errorCode(err);
  const known: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EDQUOT: 'disk quota exceeded',
  };
  return (code && known[code]) ?? (err instanceof Error ? err.message : String(err));
}

/** The nearest existing ancestor of a path (the directory mkdir -p would start from). */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  let p = resolve(path);
  for (;;) {
    try {
      const s = await stat(p);
      return { path: p, isDirectory: s.isDirectory() };
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
      const parent = dirname(p);
      if (parent === p) return { path: p, isDirectory: true };
      p = parent;
    }
  }
}

/** Checks an output file path before any work is done: a usage error (exit 2) names what is wrong. */
export async function checkOutputPath(file: string, flag: string): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${file}: is a directory`);
  if (existing) {
    await access(file, constants.W_OK).catch(() => {
      throw new UsageError(`${flag} ${file}: not writable`);
    });
    return;
  }
  const base = await nearestExisting(dirname(file));
  if (!base.isDirectory) throw new UsageError(`${flag} ${file}: ${base.path} is a file, not a directory`);
  await access(base.path, constants.W_OK).catch(() => {
    throw new UsageError(`${flag} ${file}: directory ${base.path} is not writable`);
  });
}

/** Streams chunks into a file (created with its directories); failures become OutputError naming the file. */
export async function writeFileChunks(path: string, chunks: OutputChunks): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await pipeline(Readable.from(batched(chunks)), createWriteStream(path));
  } catch (err) {
    // File-system failures are the destination's; anything else is a bug in a writer.
    if (errorCode(err) !== undefined) throw new OutputError(path, `could not write ${path}: ${reason(err)}`);
    throw err;
  }
}
