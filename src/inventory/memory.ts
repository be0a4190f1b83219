/**
 * Keeps the heap near what is alive while large inputs are read.
 *
 * Reading a cluster makes far more garbage (file text, parse trees, pages) than it keeps. V8
 * lets the old generation grow several times past the live size before it collects, so peak
 * memory follows the input's size rather than what the scan holds. `relieve()` asks for a full
 * collection once the heap has grown well past the size the last one left, so peak memory stays
 * proportional to what is kept. The cost is one collection per doubling-or-so of the live size,
 * a few per hundred thousand objects.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's gc() from --expose-gc; options as in V8's gc extension. */
type Gc = (options?: { type: 'major'; execution: 'sync'; flavor: 'regular' | 'last-resort' }) => void;

let collect: Gc | undefined;
let baseline = 0;

/** Growth past the last collection's live size that triggers the next one. */
// 1.2 and 16 MiB: the live 100k scan peaks 50–70 MiB lower than at 1.4 and 32 MiB, for about 5%
// more CPU (benchmarks/README.md, "Live scan").
const SLACK_BYTES = 16 * 2 ** 20;
const GROWTH = 1.2;

function collector(): Gc | undefined {
  if (collect) return collect;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as Gc;
  } catch {
    collect = undefined;
  }
  return collect;
}

/** Runs a full collection of the given flavour and takes what it leaves as the new live size. */
function collectAs(flavor: 'regular' | 'last-resort'): void {
  const gc = collector();
  if (!gc) return;
  gc({ type: 'major', execution: 'sync', flavor });
  baseline = process.memoryUsage().heapUsed;
}

/** Collects when the heap is well past the live size the last collection left. Cheap to call often. */
export function relieve(): void {
  if (process.memoryUsage().heapUsed >= baseline * GROWTH + SLACK_BYTES) collectAs('regular');
}

/** Below this heap size the page pool cannot be large, and the collections would cost more than it. */
const RELEASE_FLOOR_BYTES = 128 * 2 ** 20;

/**
 * A memory-reducing collection now, when a large graph has just become garbage (the snapshot
 * after a scan). A plain collection frees the objects but V8 keeps their pages pooled for reuse:
 * after a 100k-object scan that pool was 290 MiB of RSS over a 175 MiB heap. The last-resort
 * flavour also returns the pool to the system. It runs several collections (about 60 ms of CPU
 * even on a 7 MiB heap), so it is done once per scan and only when the heap is large.
 */
export function collectNow(): void {
  if (process.memoryUsage().heapUsed >= RELEASE_FLOOR_BYTES) collectAs('last-resort');
}
