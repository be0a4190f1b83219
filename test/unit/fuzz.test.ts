/**
 * Property-based fuzz test (issue 13): thousands of type-mutated objects drawn from the demo
 * cluster and the PSS fixtures, scanned in-process; no scan may throw, no rule may report an
 * error, refused objects are counted, and the other objects' results do not change
 * (test/fuzz/harness.ts states the properties). Bounded so it stays fast; the long run is
 * test/fuzz/run.ts. A failure prints fast-check's seed and the shrunk mutation list.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/inventory/files.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ScanResult } from '../../src/report/model.js';
import { applyMutations, runCase, SCAN_EXIT_CODES, type MutationSpec } from '../fuzz/harness.js';
import { MUTATIONS } from '../fuzz/mutate.js';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
/** Fixed by default so CI is reproducible; FUZZ_SEED=n explores elsewhere. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 13);

let demo: K8sObject[];
let pss: K8sObject[];
beforeAll(async () => {
  demo = (await loadManifests([join(ROOT, 'examples/demo-cluster')])).objects;
  pss = (await loadManifests([join(ROOT, 'test/fixtures/pss'), join(ROOT, 'test/fixtures/bad-input/mixed/01-good.yaml')])).objects;
});

const spec: fc.Arbitrary<MutationSpec> = fc.record({
  object: fc.nat(),
  path: fc.nat(),
  mutation: fc.constantFrom(...MUTATIONS),
});

function check(base: () => K8sObject[], runs: number, minPerCase: number, maxPerCase: number): { cases: number; mutated: number; refused: number } {
  const totals = { cases: 0, mutated: 0, refused: 0 };
  fc.assert(
    fc.property(fc.array(spec, { minLength: minPerCase, maxLength: maxPerCase }), (specs) => {
      const outcome = runCase(base(), specs);
      totals.mutated += outcome.mutated;
      totals.cases++;
      totals.refused += outcome.refused;
      if (outcome.problems.length > 0) throw new Error(`${outcome.problems.slice(0, 5).join('\n')}\nmutations:\n  ${outcome.applied.join('\n  ')}`);
    }),
    { numRuns: runs, seed: SEED, endOnFailure: true },
  );
  console.log(`fuzz: ${totals.cases} cases (2 scans each), ${totals.mutated} mutated objects, ${totals.refused} refused`);
  return totals;
}

describe('fuzz: type-mutated objects never stop a scan', () => {
  it('demo cluster: 20 to 60 mutations per scan', () => {
    const totals = check(() => demo, 80, 20, 60);
    // Bounded but not trivial: thousands of mutated objects, and the validator refuses many of them.
    expect(totals.mutated).toBeGreaterThan(2000);
    expect(totals.refused).toBeGreaterThan(600);
  }, 180_000);

  it('PSS fixtures: 5 to 20 mutated objects per scan', () => {
    const totals = check(() => pss, 150, 5, 20);
    expect(totals.mutated).toBeGreaterThan(1200);
    expect(totals.refused).toBeGreaterThan(300);
  }, 180_000);

  it('through the real CLI runner: exit code in the documented set, one error per refused object, no internal error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-fuzz-cli-'));
    const cases = fc.sample(fc.array(spec, { minLength: 5, maxLength: 30 }), { numRuns: 3, seed: SEED });
    let checked = 0;
    for (const [n, specs] of cases.entries()) {
      const { objects } = applyMutations(demo, specs);
      const file = join(dir, `case-${n}.yaml`);
      await writeFile(file, objects.map((o) => stringify(o)).join('---\n'));
      const out = join(dir, `case-${n}.json`);
      const r = await runCli(['scan', '--from', file, '--format', 'json', '--output', out]);
      expect(SCAN_EXIT_CODES.has(r.code), `exit ${r.code}: ${r.stderr}`).toBe(true);
      expect(r.stderr).not.toMatch(/internal error|TypeError|at .*\.ts:\d+/);
      const result = JSON.parse(await readFile(out, 'utf8')) as ScanResult;
      expect(result.results.filter((x) => x.status === 'error')).toEqual([]);
      // The same file read in-process: as many refused objects, and exit 3 exactly when some were.
      const loaded = await loadManifests([file]);
      const refused = new Snapshot({ objects: loaded.objects, errors: loaded.errors, source: file, mode: 'offline' }).errors.filter((e) => e.reason === 'invalid-object').length;
      expect(result.summary.objects.invalid).toBe(refused);
      if (refused > 0) expect(r.code).toBe(3);
      checked += refused;
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});
