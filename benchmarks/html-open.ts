/**
 * How big the HTML report is and how long Chromium takes to open it, with 10,000 findings.
 *
 *   npm run build && npx node benchmarks/html-open.ts                 # 10,000 findings, 3 runs
 *   npx node benchmarks/html-open.ts --findings 50000 --runs 5 --cli /other/dist/cli/main.js
 *
 * A synthetic ScanResult (seeded, deterministic: N failing results over 100 namespaces and 40
 * rules, each with evidence, 10% waived, plus as many passes) is rendered by the BUILT CLI
 * (`palisade report --from-result … --format html`), then opened in the Debian chromium with
 * playwright-core from a fresh profile. Measured per run: render time of the CLI (wall), the
 * browser's load event (PerformanceNavigationTiming.loadEventEnd, from navigation start), and the
 * time the in-page filter takes to apply one severity. Results: stdout and
 * benchmarks/results/html-open-<N>.json. Benchmarks measure; tests assert behaviour.
 *
 * A standalone Node 24 script (native type stripping): no imports from src/.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { chromium } from 'playwright-core';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    findings: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    cli: { type: 'string', default: join(REPO, 'dist', 'cli', 'main.js') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const FINDINGS = Number(values.findings);
const RUNS = Number(values.runs);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Small seeded PRNG so every run renders the same document. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function syntheticResult(findings: number): unknown {
  const rand = rng(42);
  const rules = Array.from({ length: 40 }, (_, i) => ({
    id: `bench/rule-${String(i).padStart(2, '0')}`,
    title: `Synthetic rule ${i}: containers must not do thing ${i}`,
    severity: SEVERITIES[i % SEVERITIES.length],
    family: 'bench',
    category: 'synthetic',
    references: [{ framework: 'CIS', id: `1.12 §5.${i % 7}.${i % 11}` }, { framework: 'NSA', id: `C-${String(i).padStart(4, '0')}` }],
    description: 'A synthetic rule for the HTML benchmark.',
    remediation: 'Set the field to the expected value.',
  }));
  const results = [];
  for (let i = 0; i < findings * 2; i++) {
    const rule = rules[Math.floor(rand() * rules.length)]!;
    const ns = `ns-${String(Math.floor(rand() * 100)).padStart(3, '0')}`;
    const failing = i < findings;
    const waived = failing && rand() < 0.1;
    results.push({
      rule: rule.id,
      status: waived ? 'waived' : failing ? 'fail' : 'pass',
      severity: rule.severity,
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: `app-${i}` },
      message: failing ? `Container "main" of app-${i} breaks ${rule.id}` : 'ok',
      evidence: failing ? [{ path: 'spec.template.spec.containers[0].securityContext.privileged', actual: true, expected: 'unset or false' }] : [],
      tenant: `tenant-${ns.slice(-1)}`,
      ...(waived ? { waiver: { rule: rule.id, reason: 'benchmark waiver', approver: 'bench', ticket: `B-${i}`, expires: '2099-01-01', source: 'config' } } : {}),
    });
  }
  const counts = { pass: findings, fail: results.filter((r) => r.status === 'fail').length, waived: results.filter((r) => r.status === 'waived').length, unknown: 0, notApplicable: 0, error: 0 };
  const zero = { pass: 0, fail: 0, waived: 0, unknown: 0, notApplicable: 0, error: 0 };
  return {
    schemaVersion: '1.0',
    scanner: { name: 'palisade', version: 'bench' },
    source: { mode: 'offline', location: 'benchmarks/html-open' },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationSeconds: 1,
    incomplete: false,
    summary: {
      score: 50,
      coverage: { evaluated: counts.pass + counts.fail + counts.waived, applicable: counts.pass + counts.fail + counts.waived, ratio: 1 },
      counts,
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, zero])),
      byNamespace: [],
      byFamily: [],
      byTenant: [],
      objects: { total: findings * 2, byKind: { Deployment: findings * 2 }, unrecognized: { total: 0, byKind: {} }, invalid: 0 },
    },
    rules,
    results,
    errors: [],
    gaps: [],
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'palisade-html-bench-'));
  const input = join(work, 'scan.json');
  await writeFile(input, JSON.stringify(syntheticResult(FINDINGS)));
  const html = join(work, 'palisade.html');
  const renders: number[] = [];
  const loads: number[] = [];
  const dcls: number[] = [];
  const filters: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    await execa(process.execPath, [values.cli, 'report', '--from-result', input, '--format', 'html', '--output', html]);
    renders.push((performance.now() - t0) / 1000);
    const ctx = await chromium.launchPersistentContext(await mkdtemp(join(work, 'profile-')), {
      executablePath: values.chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 300_000 });
    // Strings, not functions: this script is type-checked without the DOM library.
    const nav = (await page.evaluate(`(() => {
      const e = performance.getEntriesByType('navigation')[0];
      return { load: e.loadEventEnd, dcl: e.domContentLoadedEventEnd };
    })()`)) as { load: number; dcl: number };
    loads.push(nav.load / 1000);
    dcls.push(nav.dcl / 1000);
    const filterMs = (await page.evaluate(`(() => {
      const sel = document.getElementById('f-severity');
      const t = performance.now();
      sel.value = 'critical';
      sel.dispatchEvent(new Event('change'));
      void document.body.offsetHeight; // force layout, as the user would see it
      return performance.now() - t;
    })()`)) as number;
    filters.push(filterMs / 1000);
    await ctx.close();
  }
  const size = (await stat(html)).size;
  const out = {
    scenario: `html-open-${FINDINGS}`,
    findings: FINDINGS,
    results: FINDINGS * 2,
    htmlBytes: size,
    htmlMiB: Math.round((size / 2 ** 20) * 100) / 100,
    runs: RUNS,
    renderSecondsMedian: Math.round(median(renders) * 1000) / 1000,
    domContentLoadedSecondsMedian: Math.round(median(dcls) * 1000) / 1000,
    loadEventSecondsMedian: Math.round(median(loads) * 1000) / 1000,
    filterSecondsMedian: Math.round(median(filters) * 1000) / 1000,
    samples: { renders, loads, dcls, filters },
    // Other work on the machine inflates every figure: the 1-minute load average at the end is kept with them.
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 },
    date: new Date().toISOString(),
  };
  await mkdir(join(REPO, 'benchmarks', 'results'), { recursive: true });
  await writeFile(join(REPO, 'benchmarks', 'results', `html-open-${FINDINGS}.json`), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(
    `${out.scenario}: ${out.htmlMiB} MiB HTML (${out.results} results); render ${out.renderSecondsMedian} s (CLI, wall); ` +
      `DOMContentLoaded ${out.domContentLoadedSecondsMedian} s; load event ${out.loadEventSecondsMedian} s; severity filter ${out.filterSecondsMedian} s (median of ${RUNS})\n`,
  );
  await rm(work, { recursive: true, force: true });
}

await main();
