/**
 * The long fuzz run (issue 13): the properties of test/fuzz/harness.ts over many more cases than
 * `npm test` runs (test/unit/fuzz.test.ts), on the demo cluster and the PSS fixtures.
 *
 *   npm run fuzz -- [--cases 500] [--seed 1] [--max 60]
 *
 * Prints the figures (cases, mutated and refused objects, scans, failures, time) and the first
 * failures with their mutations; exits 1 when any property failed.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { loadManifests } from '../../src/inventory/files.js';
import { runCase, type MutationSpec } from './harness.js';
import { MUTATIONS } from './mutate.js';

const { values } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' }, max: { type: 'string' } } });
const cases = Number(values.cases ?? 500);
const seed = Number(values.seed ?? 1);
const maxPerCase = Number(values.max ?? 60);
const ROOT = join(import.meta.dirname, '..', '..');

const pools = {
  demo: (await loadManifests([join(ROOT, 'examples/demo-cluster')])).objects,
  pss: (await loadManifests([join(ROOT, 'test/fixtures/pss')])).objects,
};
const spec: fc.Arbitrary<MutationSpec> = fc.record({ object: fc.nat(), path: fc.nat(), mutation: fc.constantFrom(...MUTATIONS) });

const started = performance.now();
let mutated = 0;
let refused = 0;
let failed = 0;
const exits = new Map<number, number>();
const failures: string[] = [];
for (const [name, base] of Object.entries(pools)) {
  const n = name === 'demo' ? Math.ceil(cases * 0.7) : Math.floor(cases * 0.3);
  const samples = fc.sample(fc.array(spec, { minLength: Math.ceil(maxPerCase / 4), maxLength: maxPerCase }), { numRuns: n, seed: seed + (name === 'demo' ? 0 : 1) });
  for (const specs of samples) {
    const out = runCase(base, specs);
    mutated += out.mutated;
    refused += out.refused;
    exits.set(out.exitCode, (exits.get(out.exitCode) ?? 0) + 1);
    if (out.problems.length > 0) {
      failed++;
      if (failures.length < 5) failures.push(`[${name}] ${out.problems.slice(0, 3).join('; ')}\n    mutations: ${out.applied.join('; ')}`);
    }
  }
}
const seconds = Math.round(performance.now() - started) / 1000;
console.log(
  `fuzz: ${cases} cases (seed ${seed}, ${Math.ceil(maxPerCase / 4)} to ${maxPerCase} mutations each), ${mutated} mutated objects, ${refused} refused as invalid, ${cases * 2} scans, ` +
    `${failed} failing cases, exit codes ${[...exits].map(([c, k]) => `${c}:${k}`).join(' ')}, ${seconds} s`,
);
for (const f of failures) console.log(f);
process.exitCode = failed > 0 ? 1 : 0;
