/**
 * A gzip bomb at the DEFAULT decompressed-snapshot cap (512 MiB, DEFAULT_MAX_SNAPSHOT_BYTES): a
 * file of well under a megabyte that inflates past the cap is refused with the limit error,
 * quickly, and the process never holds much more than the cap (issue 13: before the cap, a 1 MB
 * file inflating to 1 GB took 3 GiB before failing). The bomb is generated streaming, never as a
 * buffer of its inflated size; the scan runs in a child process so its peak RSS is its own.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants } from 'node:zlib';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SNAPSHOT_BYTES } from '../../src/inventory/snapshot-file.js';

const ROOT = join(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/node/bin/node');
const MIB = 1024 * 1024;
/** Inflated size: 32 MiB past the default cap. */
const INFLATED = DEFAULT_MAX_SNAPSHOT_BYTES + 32 * MIB;
/** Prints the child's peak RSS at exit (kB on Linux, from getrusage). */
const REPORT_RSS = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => writeSync(2, `\\nmaxrss-kib=${process.resourceUsage().maxRSS}\\n`));")}`;

let dir: string;
let bomb: string;

/** A snapshot document whose one string field is `INFLATED` bytes of "x", produced chunk by chunk. */
function* bombChunks(): Generator<Buffer> {
  const head = Buffer.from('{"apiVersion":"palisade.dev/v1alpha1","kind":"Snapshot","mode":"offline","takenAt":"2026-01-01T00:00:00Z","source":"bomb","objects":[],"pad":"');
  yield head;
  const chunk = Buffer.alloc(MIB, 'x');
  for (let n = head.length; n < INFLATED; n += MIB) yield chunk;
  yield Buffer.from('"}');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-gzip-bomb-'));
  bomb = join(dir, 'bomb.json.gz');
  await pipeline(Readable.from(bombChunks()), createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(bomb));
}, 120_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a gzip snapshot bomb at the default cap', () => {
  it('is small on disk and inflates past the default cap', async () => {
    expect(DEFAULT_MAX_SNAPSHOT_BYTES).toBe(512 * MIB);
    expect((await stat(bomb)).size).toBeLessThan(1 * MIB);
  });

  it('scan --snapshot fails with the limit error (exit 2), quickly, with peak memory bounded by the cap', async () => {
    const t0 = Date.now();
    const r = await execa(
      NODE,
      ['--max-old-space-size=256', '--experimental-transform-types', '--import', './test/fixtures/metrics/ts-resolve.mjs', '--import', REPORT_RSS, 'src/cli/main.ts', 'scan', '--snapshot', bomb],
      { cwd: ROOT, reject: false, env: { ...process.env, NODE_COMPILE_CACHE: join(dir, 'cc') } },
    );
    const seconds = (Date.now() - t0) / 1000;
    const rssMiB = Number(/maxrss-kib=(\d+)/.exec(String(r.stderr))?.[1]) / 1024;
    process.stdout.write(`[gzip bomb] ${((await stat(bomb)).size / 1024).toFixed(0)} KiB inflating to ${INFLATED / MIB} MiB: refused in ${seconds.toFixed(1)} s, peak RSS ${rssMiB.toFixed(0)} MiB\n`);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(String(r.stderr)).toContain(`snapshot ${bomb}: the decompressed content is over the snapshot size limit of 512 MiB (raise it with --max-snapshot-size or limits.maxSnapshotBytes)`);
    // Inflation stops at the cap: never the inflated size, let alone the old 3 GiB.
    expect(rssMiB).toBeGreaterThan(0);
    expect(rssMiB).toBeLessThan(512 + 384);
    // Generous for a loaded 2-core CI machine; inflating 512 MiB takes about a second.
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});
