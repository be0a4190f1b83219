/**
 * CronJob mode against a real Pushgateway (Debian package), scraped by a real Prometheus:
 * `palisade scan --pushgateway URL --cluster NAME` PUTs under job="palisade", cluster=NAME;
 * a second run with fewer findings leaves no stale series of the first; a failed push
 * exits 4 and still writes the report.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { onPath, requirePrereq } from '../helpers/prereq.ts';
import { freePort, instantQuery, startPrometheus, startPushgateway, waitFor, type RunningProcess } from '../fixtures/metrics/harness.ts';

const hasPgw = requirePrereq('prometheus-pushgateway (apt package)', onPath('prometheus-pushgateway'));
const hasProm = requirePrereq('prometheus (apt package prometheus)', onPath('prometheus'));
const FIX = 'test/fixtures/metrics/push';

async function scan(args: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  const stdout = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  stdout.resume();
  const code = await run(['scan', ...args], { stdout, stderr, env: {} });
  return { code, stderr: err };
}

/** Sample lines of the Pushgateway's own /metrics that belong to Palisade. */
async function gatewaySeries(pgw: string): Promise<string[]> {
  const text = await (await fetch(`${pgw}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('palisade_'));
}

describe.skipIf(!hasPgw || !hasProm)('CronJob mode with a real Pushgateway', () => {
  let pgw: RunningProcess;
  let prom: RunningProcess;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-push-'));
    pgw = await startPushgateway();
    prom = await startPrometheus([{ job: 'pushgateway', target: new URL(pgw.url).host, honorLabels: true }]);
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    await pgw?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('pushes under job="palisade", cluster=NAME; a second run replaces the first', async () => {
    const first = await scan(['--from', `${FIX}/ns-a.yaml`, '--from', `${FIX}/ns-b.yaml`, '--pushgateway', pgw.url, '--cluster', 'ci', '--format', 'json', '--output', join(dir, 'run1.json')]);
    expect(first.stderr).toContain(`pushed`);
    expect(first.stderr).toContain(`${pgw.url}/metrics/job/palisade/cluster/ci`);
    expect(first.code).toBe(0);

    let series = await gatewaySeries(pgw.url);
    const failuresA = series.filter((l) => l.startsWith('palisade_namespace_failures{') && l.includes('namespace="push-a"'));
    expect(failuresA.length).toBeGreaterThan(0);
    for (const l of series) {
      expect(l).toContain('cluster="ci"');
      expect(l).toContain('job="palisade"');
    }

    // Prometheus sees them through the gateway, with Palisade's job and cluster labels.
    await waitFor('push-a failures in Prometheus', async () => {
      const r = await instantQuery(prom.url, 'palisade_namespace_failures{job="palisade", cluster="ci", namespace="push-a"}');
      return r.length > 0 ? r : undefined;
    });

    // Second run: push-a is fixed (gone from the input).
    const second = await scan(['--from', `${FIX}/ns-b.yaml`, '--pushgateway', pgw.url, '--cluster', 'ci', '--format', 'json', '--output', join(dir, 'run2.json')]);
    expect(second.code).toBe(0);
    series = await gatewaySeries(pgw.url);
    expect(series.filter((l) => l.includes('namespace="push-a"'))).toEqual([]);
    expect(series.some((l) => l.startsWith('palisade_namespace_failures{') && l.includes('namespace="push-b"'))).toBe(true);
    expect(series.filter((l) => l.startsWith('palisade_scanned_objects{') && l.includes('kind="Pod"'))).toEqual([
      expect.stringMatching(/ 1$/),
    ]);

    // And Prometheus stops returning the old series once it scraped the new group.
    await waitFor('push-a failures gone from Prometheus', async () => {
      const r = await instantQuery(prom.url, 'palisade_namespace_failures{cluster="ci", namespace="push-a"}');
      return r.length === 0 ? true : undefined;
    });
    const b = await instantQuery(prom.url, 'palisade_namespace_failures{cluster="ci", namespace="push-b"}');
    expect(b.length).toBeGreaterThan(0);
  });

  it('keeps another cluster’s group apart', async () => {
    const other = await scan(['--from', `${FIX}/ns-a.yaml`, '--pushgateway', pgw.url, '--cluster', 'staging', '--format', 'json', '--output', join(dir, 'staging.json')]);
    expect(other.code).toBe(0);
    const series = await gatewaySeries(pgw.url);
    expect(series.some((l) => l.includes('cluster="staging"') && l.includes('namespace="push-a"'))).toBe(true);
    // The "ci" group still has only its own second run.
    expect(series.some((l) => l.includes('cluster="ci"') && l.includes('namespace="push-a"'))).toBe(false);
  });

  it('a failed push exits 4 and the report is still written', async () => {
    const closed = await freePort();
    const out = join(dir, 'failed-push.json');
    const r = await scan(['--from', `${FIX}/ns-a.yaml`, '--pushgateway', `http://127.0.0.1:${closed}`, '--cluster', 'ci', '--format', 'json', '--output', out]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('push to http://127.0.0.1:');
    const report = JSON.parse(await readFile(out, 'utf8')) as { results: unknown[] };
    expect(report.results.length).toBeGreaterThan(0);
  });

  it('a gateway that rejects the push (HTTP error) exits 4 too', async () => {
    // The Pushgateway refuses a grouping key on an unknown path with 404.
    const r = await scan(['--from', `${FIX}/ns-a.yaml`, '--pushgateway', `${pgw.url}/nope`, '--format', 'json', '--output', join(dir, 'rejected.json')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/HTTP \d{3}/);
  });
});
