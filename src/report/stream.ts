/**
 * Streaming output: a report is a sequence of text chunks, written in order to its destination
 * with back-pressure, so no format builds its whole document as one string (V8 caps a string at
 * 512 M characters; a large cluster's report is far beyond what should sit in memory anyway).
 *
 * `jsonChunks` writes a value exactly as `JSON.stringify(value, null, 2)` would, except that
 * arrays made with `streamedArray` are walked lazily, one element at a time.
 */

import { relieve } from '../inventory/memory.js';

export type Chunks = Iterable<string> | AsyncIterable<string>;

/** What a format writes: text chunks, or bytes (PDF). */
export type OutputChunks = Chunks | AsyncIterable<Uint8Array>;

const STREAMED = Symbol('streamedArray');

/** An array whose elements are produced while the document is written. */
export interface StreamedArray {
  readonly [STREAMED]: true;
  readonly items: Iterable<unknown>;
  /** Each element on one line without indentation inside it (dense arrays of small records). */
  readonly oneLine: boolean;
}

export function streamedArray(items: Iterable<unknown>, opts: { oneLine?: boolean } = {}): StreamedArray {
  return { [STREAMED]: true, items, oneLine: opts.oneLine === true };
}

export function isStreamedArray(v: unknown): v is StreamedArray {
  return typeof v === 'object' && v !== null && (v as Partial<StreamedArray>)[STREAMED] === true;
}

function containsStream(v: unknown): boolean {
  if (isStreamedArray(v)) return true;
  if (Array.isArray(v)) return v.some(containsStream);
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    return Object.values(v).some(containsStream);
  }
  return false;
}

const INDENT = '  ';

function plain(v: unknown, depth: number): string {
  const text = JSON.stringify(v, null, 2) ?? 'null';
  return depth === 0 ? text : text.replace(/\n/g, `\n${INDENT.repeat(depth)}`);
}

/** `JSON.stringify(value, null, 2)` as chunks; streamed arrays are iterated once, lazily. */
export function* jsonChunks(value: unknown, depth = 0): Generator<string> {
  if (!containsStream(value)) {
    yield plain(value, depth);
    return;
  }
  const inner = INDENT.repeat(depth + 1);
  const outer = INDENT.repeat(depth);
  if (isStreamedArray(value)) {
    let first = true;
    for (const item of value.items) {
      yield first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      if (value.oneLine) yield JSON.stringify(item) ?? 'null';
      else yield* jsonChunks(item, depth + 1);
    }
    yield first ? '[]' : `\n${outer}]`;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i > 0 ? ',' : ''}\n${inner}`;
      const v: unknown = value[i];
      yield* v === undefined || typeof v === 'function' ? ['null'] : jsonChunks(v, depth + 1);
    }
    yield `\n${outer}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of entries) {
    yield `${first ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* jsonChunks(v, depth + 1);
  }
  yield `\n${outer}}`;
}

/** Joins small chunks into pieces of about `size` characters (fewer, larger writes); byte chunks pass as they are. */
export async function* batched(chunks: OutputChunks, size = 1 << 16): AsyncGenerator<string | Uint8Array> {
  let buf: string[] = [];
  let n = 0;
  for await (const c of chunks) {
    if (typeof c !== 'string') {
      if (n > 0) yield buf.join('');
      buf = [];
      n = 0;
      yield c;
      continue;
    }
    buf.push(c);
    n += c.length;
    if (n >= size) {
      // Writers make garbage at the pace they write (rows, escaped strings): keep the heap near
      // the result's size while a large report streams out.
      relieve();
      yield buf.join('');
      buf = [];
      n = 0;
    }
  }
  if (n > 0) yield buf.join('');
}

/** The whole document as one string: for tests and small documents only. */
export async function collect(chunks: Chunks): Promise<string> {
  const parts: string[] = [];
  for await (const c of chunks) parts.push(c);
  return parts.join('');
}

/** Lines joined by `sep`, lazily, with `end` after the last one. */
export function* joinLines(lines: Iterable<string>, sep = '\n', end = sep): Generator<string> {
  let first = true;
  for (const l of lines) {
    yield first ? l : sep + l;
    first = false;
  }
  if (!first) yield end;
}

/** The reader of stdout closed it: nothing more can be written, and that is not an error of ours. */
export class PipeClosedError extends Error {
  constructor() {
    super('stdout closed by its reader');
    this.name = 'PipeClosedError';
  }
}

function errno(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as NodeJS.ErrnoException).code : undefined;
}

/** Writes chunks to a stream, waiting for 'drain' when it is full; EPIPE becomes PipeClosedError. */
export async function writeChunks(out: NodeJS.WritableStream, chunks: OutputChunks): Promise<void> {
  let failure: unknown;
  const onError = (err: unknown): void => {
    failure ??= err;
  };
  out.on('error', onError);
  const check = (): void => {
    if (failure === undefined) return;
    throw errno(failure) === 'EPIPE' ? new PipeClosedError() : failure;
  };
  try {
    for await (const c of batched(chunks)) {
      check();
      if (!out.write(c)) {
        await new Promise<void>((res) => {
          const done = (): void => {
            out.off('drain', done);
            out.off('error', done);
            out.off('close', done);
            res();
          };
          out.on('drain', done);
          out.on('error', done);
          out.on('close', done);
        });
      }
    }
    // A write that failed after the last chunk reports asynchronously: let it arrive.
    await new Promise<void>((res) => setImmediate(res));
    check();
  } catch (err) {
    if (errno(err) === 'EPIPE') throw new PipeClosedError();
    throw err;
  } finally {
    out.off('error', onError);
  }
}

