/**
 * The memory bound, proved without timing anything: a scan of ~30k generated objects (one file
 * per namespace, shaped like API output) completes under a 192 MiB V8 heap and writes a complete,
 * schema-valid JSON report. Before the compact result store and the streaming writers this size
 * needed about 700 MiB of heap. 192 MiB leaves room for V8's own slack on a loaded CI machine;
 * the same scan completed at 128 MiB when measured (benchmarks/README.md has the figures).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/config/ajv.js';
import { expandResults, type ScanResultDocument } from '../../src/report/load.js';

const ROOT = join(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/node/bin/node');
const OBJECTS = 30_000;
const HEAP_MIB = 192;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-bound-'));
  await execa(NODE, ['benchmarks/generate.ts', '--objects', String(OBJECTS), '--namespaces', '300', '--seed', '7', '--out', join(dir, 'input'), '--format', 'json'], { cwd: ROOT });
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe(`a ${OBJECTS.toLocaleString('en')}-object scan under --max-old-space-size=${HEAP_MIB}`, () => {
  it('completes and writes a valid JSON report holding every result', async () => {
    const out = join(dir, 'result.json');
    const run = await execa(
      NODE,
      [`--max-old-space-size=${HEAP_MIB}`, '--experimental-transform-types', '--import', './test/fixtures/metrics/ts-resolve.mjs', 'src/cli/main.ts', 'scan', '--from', join(dir, 'input'), '--format', 'json', '--output', out],
      { cwd: ROOT, reject: false, env: { ...process.env, NODE_COMPILE_CACHE: join(dir, 'cc') } },
    );
    // 0 or 3 (the generated Nodes have no kubelet configuration); never a heap crash (134) or internal error.
    expect([0, 3], String(run.stderr)).toContain(run.exitCode);
    expect(String(run.stderr)).not.toMatch(/heap out of memory|internal error/);
    const doc = JSON.parse(await readFile(out, 'utf8')) as ScanResultDocument;
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs/scan-result.schema.json'), 'utf8')) as object;
    const validate = createAjv().compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc.summary.objects.total).toBeGreaterThanOrEqual(OBJECTS);
    const c = doc.summary.counts;
    const all = [...expandResults(doc)];
    expect(all.length).toBe(c.pass + c.fail + c.waived + c.unknown + c.notApplicable + c.error);
    expect(all.length).toBeGreaterThan(OBJECTS);
  }, 600_000);
});
