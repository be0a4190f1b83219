/**
 * Tenancy analysis benchmark: the time the tenant analyses take on a generated cluster, phase by
 * phase, in-process (the whole-scan number is the `tenancy-1000ns` scenario of benchmarks/run.ts).
 *
 *   npm run build
 *   npx node benchmarks/generate.ts --namespaces 1000 --pods 10000 --netpols 3000 --out .cache/bench/tenancy.json
 *   npx node benchmarks/tenancy.ts --input .cache/bench/tenancy.json [--dist dist] [--runs 3]
 *
 * Phases: snapshot indexing; tenant model; NetworkPolicy model (pod groups, isolation); the
 * tenant × tenant matrix; the RBAC-based access analysis for every tenant; all tenancy/* rules
 * through the runner (sharing the cached models, as in a scan). Prints a table and writes
 * benchmarks/results/tenancy-analysis.json.
 *
 * A standalone Node 24 script: it imports the BUILT modules from --dist, never src/.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { input: { type: 'string' }, dist: { type: 'string', default: join(REPO, 'dist') }, runs: { type: 'string', default: '3' } },
});
if (!values.input) throw new Error('--input FILE (a JSON List from benchmarks/generate.ts) is required');
const dist = resolve(values.dist!);
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(dist, rel)).href)) as T;

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- built modules, typed loosely here
const { Snapshot } = await load<Any>('inventory/snapshot.js');
const { defaultConfig } = await load<Any>('config/types.js');
const { buildTenantModel } = await load<Any>('analysis/tenants.js');
const { buildNetworkModel } = await load<Any>('analysis/network.js');
const { buildAccessModel } = await load<Any>('analysis/access.js');
const { runRules } = await load<Any>('engine/runner.js');
const { TENANCY_RULES } = await load<Any>('rules/tenancy/index.js');

const list = JSON.parse(await readFile(values.input, 'utf8')) as { items: Any[] };
const objects = list.items;

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

const runs = Number(values.runs);
const phases: Record<string, number[]> = {};
const note = (k: string, ms: number): void => {
  (phases[k] ??= []).push(ms);
};
let facts: Record<string, number> = {};
for (let i = 0; i < runs; i++) {
  const [snapshot, tSnap] = time(() => new Snapshot({ objects, source: values.input, mode: 'offline' }));
  const config = defaultConfig();
  const [tenants, tTen] = time(() => buildTenantModel(snapshot, config));
  const [net, tNet] = time(() => buildNetworkModel(snapshot, { tenantOf: (ns: string) => tenants.tenantOf(ns) ?? ns }));
  const [matrix, tMatrix] = time(() => net.tenantMatrix());
  const [access, tAccessBuild] = time(() => buildAccessModel(snapshot, config));
  const [accessible, tAccess] = time(() => tenants.tenants().map((t: Any) => access.accessibleBy(t.name).length));
  const [out, tRules] = time(() => runRules(snapshot, TENANCY_RULES, { config, now: new Date('2026-11-22T00:00:00Z') }));
  note('snapshot index', tSnap);
  note('tenant model', tTen);
  note('network model (groups, isolation)', tNet);
  note('tenant × tenant matrix', tMatrix);
  note('access model build', tAccessBuild);
  note('accessibleBy, every tenant', tAccess);
  note('all tenancy/* rules (runner, cold caches)', tRules);
  for (const [rule, ms] of out.timings as Map<string, number>) note(`  rule ${rule}`, ms);
  let edges = 0;
  for (const row of matrix.values()) edges += row.size;
  facts = {
    objects: objects.length,
    namespaces: snapshot.ofKind('Namespace').length,
    pods: snapshot.ofKind('Pod').length,
    networkPolicies: snapshot.ofKind('NetworkPolicy').length,
    tenants: tenants.tenants().length,
    podGroups: net.groups.length,
    matrixEdges: edges,
    accessEntries: (accessible as number[]).reduce((a, b) => a + b, 0),
    tenancyResults: out.results.length,
  };
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = Object.entries(phases).map(([phase, xs]) => ({ phase, medianMs: Math.round(median(xs)), runsMs: xs.map((x) => Math.round(x)) }));
const analysis = ['network model (groups, isolation)', 'tenant × tenant matrix', 'access model build', 'accessibleBy, every tenant'].reduce((a, k) => a + median(phases[k]!), 0);
process.stdout.write(`tenancy analysis on ${values.input}\n${JSON.stringify(facts)}\n`);
for (const r of rows) process.stdout.write(`  ${r.phase.padEnd(44)} ${String(r.medianMs).padStart(7)} ms   runs ${r.runsMs.join(', ')}\n`);
process.stdout.write(`  ${'analysis total (network + matrix + access)'.padEnd(44)} ${String(Math.round(analysis)).padStart(7)} ms\n`);
await mkdir(join(REPO, 'benchmarks', 'results'), { recursive: true });
await writeFile(
  join(REPO, 'benchmarks', 'results', 'tenancy-analysis.json'),
  JSON.stringify({ input: values.input, facts, phases: rows, analysisMedianMs: Math.round(analysis), node: process.version, cpus: cpus().length, loadavg: loadavg() }, null, 2) + '\n',
);
