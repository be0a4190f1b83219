/**
 * Parses and trims LIST pages in a worker thread, so the main thread (which interns the objects and
 * later runs the rules) spends no time on the parts of a page that are thrown away: a Pod page's
 * parts that trimming drops were 42% of its text and two thirds of its parse time on the 100k
 * benchmark cluster (2.67 MB, 19.3 ms; trimmed 1.55 MB, 6.4 ms).
 *
 * The worker is an optimisation, never a requirement: when its module is not there (the sources run
 * under the test runner, not dist/) or it fails, pages are read inline with the same result.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface PageRequest {
  id: number;
  bytes: Uint8Array;
  apiVersion: string;
  kind: string;
}

/** The trimmed items as JSON text, or why the body could not be parsed. */
export type DecodedPage = { items: string; continue?: string } | { error: string };

export type PageReply = DecodedPage & { id: number };

/**
 * Pages in the worker at once. Each is a copy of the body there until the worker's next collection;
 * with one, the 100k live benchmark's inventory peaked about 20 MiB lower than with two in two runs,
 * at the same speed.
 */
const IN_WORKER = 1;

/**
 * The worker's young generation, where a page's parse tree should die. From a few runs on the held
 * 100k cluster: 8 MiB was slower in two of three, 48 MiB no faster; thin evidence, noisy machine.
 */
const WORKER_YOUNG_MB = 24;

interface Waiting {
  resolve: (page: DecodedPage) => void;
  reject: (err: Error) => void;
}

export class PageDecoder {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private broken: Error | undefined;
  // Pages posted to the worker and not answered. Each posted page is a copy in the worker's queue,
  // so at most IN_WORKER are posted; the rest wait here (as the bytes the caller holds anyway).
  private posted = 0;
  private readonly queue: PageRequest[] = [];

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: PageReply) => {
      if (this.broken) return;
      const { id, ...page } = m;
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      this.posted--;
      this.pump();
      w?.resolve(page);
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`page worker exited (code ${code})`)));
    // Idle, it must not keep the process alive.
    worker.unref();
  }

  /** A decoder on a new worker, or undefined when the worker module is not built or cannot start. */
  static start(module: URL = new URL('./page-worker.js', import.meta.url)): PageDecoder | undefined {
    if (module.protocol !== 'file:' || !existsSync(fileURLToPath(module))) return undefined;
    try {
      return new PageDecoder(new Worker(module, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } }));
    } catch {
      return undefined;
    }
  }

  /** Why the worker stopped, if it did: later pages are then read inline. */
  get failure(): Error | undefined {
    return this.broken;
  }

  /**
   * Parses and trims one page in the worker. The bytes are copied, not transferred: if the worker
   * fails, the caller still has them and reads the page inline. Rejects only when the worker failed.
   */
  decode(bytes: Uint8Array, apiVersion: string, kind: string): Promise<DecodedPage> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<DecodedPage>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.queue.push({ id, bytes, apiVersion, kind });
      this.pump();
    });
  }

  private pump(): void {
    while (this.posted < IN_WORKER && this.queue.length > 0 && !this.broken) {
      this.posted++;
      this.worker.postMessage(this.queue.shift()!);
    }
    if (this.posted > 0) this.worker.ref();
    else this.worker.unref();
  }

  /** Stops the worker; pages still waiting are rejected (and read inline by their callers). */
  async close(): Promise<void> {
    this.fail(new Error('page worker closed'));
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const w of this.waiting.values()) w.reject(this.broken);
    this.waiting.clear();
    this.queue.length = 0;
    this.posted = 0;
    this.worker.unref();
  }
}
