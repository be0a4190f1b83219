/**
 * Where an offline scan spends its time and memory, phase by phase, in one process, using the BUILT
 * modules in dist/ (the same code the CLI runs):
 * load (read + parse + trim) -> snapshot (indexes) -> rules -> JSON serialization.
 *
 *   npm run build && node benchmarks/phases.ts .cache/bench/objects10000_namespaces100_seed1.json [--per-rule] [--dist DIR]
 *
 * --per-rule also times every rule alone on the same snapshot and prints the 15 slowest.
 * Heap and RSS are read after each phase (after a GC when run with --expose-gc).
 * This is a diagnostic: benchmarks/run.ts gives the end-to-end figures.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

interface LoadedObjects { objects: unknown[]; locations: Map<unknown, unknown>; errors: unknown[] }
interface RuleLike { meta: { id: string } }
interface FilesModule { loadManifests(paths: string[]): Promise<LoadedObjects> }
interface SnapshotModule { Snapshot: new (init: Record<string, unknown>) => unknown }
interface ScanModule { scanSnapshot(snapshot: unknown, opts: { config: unknown; rules: readonly RuleLike[] }): { result: { results: unknown[] } } }
interface RulesModule { RULES: readonly RuleLike[] }
interface ConfigModule { defaultConfig(): unknown }

function mem(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const m = process.memoryUsage();
  return `heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(m.rss / 2 ** 20).toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'per-rule': { type: 'boolean' }, dist: { type: 'string' } } });
  const input = positionals[0];
  if (!input) throw new Error('usage: node benchmarks/phases.ts INPUT [--per-rule] [--dist DIR]');
  const dist = resolve(values.dist ?? join(import.meta.dirname, '..', 'dist'));
  const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(dist, rel)).href)) as T;
  const files = await load<FilesModule>('inventory/files.js');
  const snap = await load<SnapshotModule>('inventory/snapshot.js');
  const scan = await load<ScanModule>('engine/scan.js');
  const { RULES } = await load<RulesModule>('rules/index.js');
  const config = (await load<ConfigModule>('config/types.js')).defaultConfig();

  const lines: string[] = [];
  const phase = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await f();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    lines.push(`${name.padEnd(10)} wall ${wall.toFixed(2).padStart(7)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(7)} s  ${mem()}`);
    return out;
  };
  lines.push(`start      ${mem()}`);
  const loaded = await phase('load', () => files.loadManifests([input]));
  const snapshot = await phase('snapshot', () => new snap.Snapshot({ objects: loaded.objects, locations: loaded.locations, errors: loaded.errors, source: input, mode: 'offline' }));
  const out = await phase('rules', () => scan.scanSnapshot(snapshot, { config, rules: RULES }));
  await phase('serialize', () => JSON.stringify(out.result).length);
  process.stdout.write(`${input}: ${loaded.objects.length} objects, ${RULES.length} rules, ${out.result.results.length} results\n${lines.join('\n')}\n`);
  process.stdout.write(`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);

  if (values['per-rule']) {
    const times: [string, number][] = [];
    for (const rule of RULES) {
      const t0 = performance.now();
      scan.scanSnapshot(snapshot, { config, rules: [rule] });
      times.push([rule.meta.id, (performance.now() - t0) / 1000]);
    }
    times.sort((a, b) => b[1] - a[1]);
    const total = times.reduce((a, [, t]) => a + t, 0);
    process.stdout.write(`\nper rule (alone, incl. per-scan setup), total ${total.toFixed(2)} s; slowest 15:\n`);
    for (const [id, t] of times.slice(0, 15)) process.stdout.write(`  ${id.padEnd(48)} ${t.toFixed(3)} s\n`);
  }
}

try {
  await main();
} catch (err) {
  process.stderr.write(`phases: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 2;
}
