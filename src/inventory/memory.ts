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

let collect: (() => void) | undefined;
let baseline = 0;

/** Growth past the last collection's live size that triggers the next one. */
const SLACK_BYTES = 32 * 2 ** 20;
const GROWTH = 1.4;

function collector(): (() => void) | undefined {
  if (collect) return collect;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = undefined;
  }
  return collect;
}

/** Collects when the heap is well past the live size the last collection left. Cheap to call often. */
export function relieve(): void {
  const used = process.memoryUsage().heapUsed;
  if (used < baseline * GROWTH + SLACK_BYTES) return;
  const gc = collector();
  if (!gc) return;
  gc();
  baseline = process.memoryUsage().heapUsed;
}
