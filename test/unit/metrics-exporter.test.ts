/**
 * The exporter over real HTTP on loopback: readiness, last-good-result serving, skipped
 * ticks, fresh series per scan, graceful stop. Scans are controlled promises so the test
 * decides when a scan ends (no timing assumptions).
 */
import { readFileSync } from 'node:fs';
import { expandResult, parseResult } from '../helpers/result-json.js';
import { scanResultOf, type ScanResultDocument } from '../../src/report/load.js';
import { ResultStore } from '../../src/findings/store.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Exporter } from '../../src/metrics/exporter.js';
import type { ScanResult } from '../../src/report/model.js';

const fixture = (): ScanResult =>
  scanResultOf(JSON.parse(readFileSync(new URL('../fixtures/metrics/scan-result.json', import.meta.url), 'utf8')) as ScanResultDocument);

interface Pending {
  resolve: (r: ScanResult) => void;
  reject: (e: Error) => void;
}

function controlledScans(): { scan: () => Promise<ScanResult>; pending: Pending[]; started: () => number } {
  const pending: Pending[] = [];
  return {
    pending,
    started: () => pending.length,
    scan: () => new Promise<ScanResult>((resolve, reject) => pending.push({ resolve, reject })),
  };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

let exporter: Exporter | undefined;
afterEach(async () => {
  await exporter?.stop();
  exporter = undefined;
});

async function start(scan: () => Promise<ScanResult>): Promise<{ base: string; logs: string[] }> {
  const logs: string[] = [];
  exporter = new Exporter({ scan, metrics: { cluster: 'unit' }, host: '127.0.0.1', port: 0, log: (l) => logs.push(l) });
  const addr = await exporter.start();
  return { base: `http://127.0.0.1:${addr.port}`, logs };
}

const get = async (url: string): Promise<{ status: number; body: string }> => {
  const r = await fetch(url);
  return { status: r.status, body: await r.text() };
};

describe('palisade serve exporter', () => {
  it('is live at once, ready after the first completed scan, and serves the report', async () => {
    const c = controlledScans();
    const { base } = await start(c.scan);
    await until(() => c.started() === 1);
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect((await get(`${base}/readyz`)).status).toBe(503);
    expect((await get(`${base}/report.json`)).status).toBe(503);
    c.pending[0]!.resolve(fixture());
    await until(() => exporter!.ready);
    expect((await get(`${base}/readyz`)).status).toBe(200);
    const report = parseResult((await get(`${base}/report.json`)).body);
    expect(report.summary.score).toBe(62.5);
    const metrics = await get(`${base}/metrics`);
    expect(metrics.body).toContain('palisade_cluster_score{cluster="unit"} 62.5');
    expect(metrics.body).toContain('palisade_scans_total{outcome="success",cluster="unit"} 1');
    expect((await get(`${base}/nope`)).status).toBe(404);
  });

  it('skips and counts a tick that arrives during a scan', async () => {
    const c = controlledScans();
    const { base } = await start(c.scan);
    await until(() => c.started() === 1);
    expect(await exporter!.tick()).toBe('skipped');
    expect(await exporter!.tick()).toBe('skipped');
    expect(c.started()).toBe(1);
    c.pending[0]!.resolve(fixture());
    await until(() => exporter!.ready);
    expect((await get(`${base}/metrics`)).body).toContain('palisade_scan_ticks_skipped_total{cluster="unit"} 2');
  });

  it('keeps serving the last good result after a failed scan, with last_scan_success 0', async () => {
    const c = controlledScans();
    const { base, logs } = await start(c.scan);
    await until(() => c.started() === 1);
    c.pending[0]!.resolve(fixture());
    await until(() => exporter!.ready);
    const second = exporter!.tick();
    await until(() => c.started() === 2);
    // While the second scan runs, the first result is served.
    expect((await get(`${base}/metrics`)).body).toContain('palisade_cluster_score{cluster="unit"} 62.5');
    c.pending[1]!.reject(new Error('apiserver unreachable'));
    await second;
    const body = (await get(`${base}/metrics`)).body;
    expect(body).toContain('palisade_last_scan_success{cluster="unit"} 0');
    expect(body).toContain('palisade_cluster_score{cluster="unit"} 62.5');
    expect(body).toContain('palisade_scans_total{outcome="failure",cluster="unit"} 1');
    expect((await get(`${base}/readyz`)).status).toBe(200);
    expect(logs.some((l) => l.includes('apiserver unreachable'))).toBe(true);
  });

  it('reports a failed first scan as last_scan_success 0 and stays unready', async () => {
    const c = controlledScans();
    const { base } = await start(c.scan);
    await until(() => c.started() === 1);
    c.pending[0]!.reject(new Error('no kubeconfig'));
    let body = '';
    for (let i = 0; i < 200 && !body.includes('palisade_last_scan_success'); i++) body = (await get(`${base}/metrics`)).body;
    expect(body).toContain('palisade_last_scan_success{cluster="unit"} 0');
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body).toContain('no kubeconfig');
  });

  it('drops series of the previous scan (a namespace that is gone)', async () => {
    const c = controlledScans();
    const { base } = await start(c.scan);
    await until(() => c.started() === 1);
    c.pending[0]!.resolve(fixture());
    await until(() => exporter!.ready);
    expect((await get(`${base}/metrics`)).body).toContain('namespace="shop"');
    const next = fixture();
    next.results = ResultStore.of(next.results.filter((r) => r.object.namespace !== 'shop'));
    next.summary.byNamespace = next.summary.byNamespace.filter((n) => n.name !== 'shop');
    const t = exporter!.tick();
    await until(() => c.started() === 2);
    c.pending[1]!.resolve(next);
    await t;
    expect((await get(`${base}/metrics`)).body).not.toContain('namespace="shop"');
  });

  it('stop() waits for the running scan and closes the port', async () => {
    const c = controlledScans();
    const { base } = await start(c.scan);
    await until(() => c.started() === 1);
    let stopped = false;
    const stopping = exporter!.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    c.pending[0]!.resolve(fixture());
    await stopping;
    exporter = undefined;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
