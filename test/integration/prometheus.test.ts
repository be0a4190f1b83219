/**
 * A real Prometheus (Debian package) scrapes `palisade serve --from examples/demo-cluster`
 * on loopback; every query of every dashboard panel must return data, the exposition must
 * pass `promtool check metrics`, and the alert rules must pass `promtool check rules` and
 * their `promtool test rules` unit tests.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, requirePrereq } from '../helpers/prereq.ts';
import { instantQuery, startPrometheus, startServe, waitFor, type RunningProcess, type RunningServe } from '../fixtures/metrics/harness.ts';

const hasProm = requirePrereq('prometheus (apt package prometheus)', onPath('prometheus'));
const hasPromtool = requirePrereq('promtool (apt package prometheus)', onPath('promtool'));
const CLUSTER = 'demo';
const EDGE = 'edge-1';

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string; legendFormat?: string }[];
}
interface Dashboard {
  title: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: unknown; allValue?: string }[] };
}

const dashboards: { file: string; d: Dashboard }[] = readdirSync('dashboards')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, d: JSON.parse(readFileSync(`dashboards/${file}`, 'utf8')) as Dashboard }));

/** What Grafana would send: the datasource variable is not part of PromQL, the rest is. */
function substitute(expr: string, cluster = CLUSTER): string {
  return expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '15s')
    .replaceAll('$__range', '1h')
    .replaceAll('${cluster}', cluster)
    .replaceAll('$cluster', cluster)
    .replace(/\$\{?(framework|tenant)\}?/g, '.*'); // multi-value variables set to "All"
}

describe.skipIf(!hasProm)('dashboards against a real Prometheus scraping palisade serve', () => {
  let server: RunningServe;
  /** A second exporter whose config names no cluster: its series have no `cluster` label. */
  let unlabelled: RunningServe;
  /** A third exporter with another cluster name: the fleet dashboard must show both named clusters. */
  let edge: RunningServe;
  let prom: RunningProcess;

  beforeAll(async () => {
    // A scan every 2 s, so counters and the duration histogram move while Prometheus scrapes.
    server = await startServe([
      '--from', 'examples/demo-cluster',
      '--config', 'test/fixtures/metrics/palisade.yaml',
      '--listen', '127.0.0.1:0',
      '--schedule', '*/2 * * * * *',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'palisade-unlabelled-'));
    const config = readFileSync('test/fixtures/metrics/palisade.yaml', 'utf8').replace(/^clusterName: .*$/m, '');
    writeFileSync(join(dir, 'palisade.yaml'), config);
    unlabelled = await startServe(['--from', 'examples/demo-cluster', '--config', join(dir, 'palisade.yaml'), '--listen', '127.0.0.1:0', '--schedule', '*/2 * * * * *']);
    edge = await startServe(['--from', 'examples/demo-cluster', '--config', 'test/fixtures/metrics/palisade.yaml', '--cluster', EDGE, '--listen', '127.0.0.1:0', '--schedule', '*/2 * * * * *']);
    const ready = async (s: RunningServe): Promise<boolean> => (await fetch(`${s.base}/readyz`)).ok;
    await waitFor('first scan', async () => ((await ready(server)) && (await ready(unlabelled)) && (await ready(edge)) ? true : undefined));
    const target = new URL(server.base).host;
    prom = await startPrometheus([
      { job: 'palisade', target },
      { job: 'unlabelled', target: new URL(unlabelled.base).host },
      { job: 'edge', target: new URL(edge.base).host },
    ]);
    await waitFor('up{job="palisade"} == 1', async () => {
      const r = await instantQuery(prom.url, 'up{job="palisade"} == 1');
      return r.length === 1 ? true : undefined;
    });
    // rate()/increase() need two scrapes of a moving counter.
    await waitFor('two scans scraped', async () => {
      const r = await instantQuery(prom.url, `increase(palisade_scans_total{outcome="success"}[1m]) > 0`);
      return r.length === 3 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    await prom?.stop();
    if (server) expect(await server.stop()).toBe(0);
    if (unlabelled) expect(await unlabelled.stop()).toBe(0);
    if (edge) expect(await edge.stop()).toBe(0);
  });

  it('logs what is on at startup', () => {
    const log = server.log();
    expect(log).toContain('TLS: off');
    expect(log).toContain('auth: off');
    expect(log).toContain('schedule: "*/2 * * * * *"');
    expect(log).toContain('cluster label: demo');
  });

  it('has five dashboards with datasource and cluster variables', () => {
    expect(dashboards.map((x) => x.file)).toEqual(['compliance.json', 'fleet.json', 'overview.json', 'scanner-health.json', 'tenants.json']);
    for (const { d } of dashboards) {
      const vars = d.templating.list.map((v) => v.name);
      expect(vars.slice(0, 2)).toEqual(['datasource', 'cluster']);
      for (const p of d.panels) expect(JSON.stringify(p)).toContain('${datasource}');
    }
  });

  it('the cluster variable offers the configured cluster, and "All" (.*) by default', async () => {
    const r = await fetch(`${prom.url}/api/v1/label/cluster/values?${new URLSearchParams({ 'match[]': 'palisade_build_info' })}`);
    expect(((await r.json()) as { data: string[] }).data).toEqual([CLUSTER, EDGE]);
    for (const { d } of dashboards) {
      const v = d.templating.list.find((x) => x.name === 'cluster') as { includeAll?: boolean; allValue?: string; current?: { value?: unknown } };
      expect(v.includeAll).toBe(true);
      expect(v.allValue).toBe('.*');
      expect(v.current?.value).toEqual(['$__all']);
    }
  });

  const cases = dashboards.flatMap(({ d }) =>
    d.panels.flatMap((p) => (p.targets ?? []).map((t, i) => ({ name: `${d.title} › ${p.title} [${String.fromCharCode(65 + i)}]`, expr: t.expr, legend: t.legendFormat ?? '' }))),
  );

  it.each(cases)('$name returns data, and numbers (never NaN)', async ({ expr }) => {
    const result = await instantQuery(prom.url, substitute(expr));
    expect(result.length, substitute(expr)).toBeGreaterThan(0);
    // Every series of a panel belongs to the selected cluster (aggregations keep or drop it, never mix).
    for (const s of result) if (s.metric['cluster'] !== undefined) expect(s.metric['cluster']).toBe(CLUSTER);
    for (const s of result) expect(Number.isFinite(Number(s.value[1])), `${substitute(expr)} → ${s.value[1]}`).toBe(true);
  });

  const fleetCases = cases.filter((c) => c.name.startsWith('Palisade / Fleet'));
  it.each(fleetCases)('$name: one Prometheus, two clusters: both are in the answer', async ({ expr, legend }) => {
    // Grafana's multi-value format for two selected clusters.
    const q = substitute(expr, `(${CLUSTER}|${EDGE})`);
    const result = await instantQuery(prom.url, q);
    expect(result.length, q).toBeGreaterThan(0);
    const byCluster = result.filter((s) => s.metric['cluster'] !== undefined).map((s) => s.metric['cluster']).sort();
    // Per-cluster panels (legend = the cluster) answer with one series for each; fleet totals with one.
    if (legend === '{{cluster}}') expect(byCluster, q).toEqual([CLUSTER, EDGE]);
    else expect(result.length, q).toBe(1);
    for (const s of result) expect(Number.isFinite(Number(s.value[1])), `${q} → ${s.value[1]}`).toBe(true);
  });

  it('the fleet counts both named clusters', async () => {
    const reporting = fleetCases.find((c) => c.name.includes('Clusters reporting'))!;
    const [clusters] = await instantQuery(prom.url, substitute(reporting.expr, `(${CLUSTER}|${EDGE})`));
    expect(clusters?.value[1]).toBe('2');
  });

  it.each(cases)('$name returns data for an exporter without a cluster label ("All")', async ({ expr }) => {
    // Only the unlabelled exporter's series: "All" is `.*`, which matches a missing label.
    const q = substitute(expr, '.*').replaceAll('cluster=~".*"', 'cluster=~".*", job="unlabelled"');
    const result = await instantQuery(prom.url, q);
    expect(result.length, q).toBeGreaterThan(0);
    for (const s of result) {
      expect(s.metric['cluster'], q).toBeUndefined();
      expect(Number.isFinite(Number(s.value[1])), `${q} → ${s.value[1]}`).toBe(true);
    }
  });

  it('multi-value variables list values', async () => {
    for (const { d } of dashboards) {
      for (const v of d.templating.list.filter((x) => x.type === 'query' && x.name !== 'cluster')) {
        const q = String((v.query as { query: string }).query);
        const m = /^label_values\((.+), (\w+)\)$/.exec(q);
        expect(m, q).not.toBeNull();
        const r = await fetch(`${prom.url}/api/v1/label/${m![2]}/values?${new URLSearchParams({ 'match[]': substitute(m![1]!) })}`);
        expect(((await r.json()) as { data: string[] }).data.length, `${d.title} $${v.name}`).toBeGreaterThan(0);
      }
    }
  });

  it.skipIf(!hasPromtool)('the exposition passes promtool check metrics', async () => {
    const text = await (await fetch(`${server.base}/metrics`)).text();
    const r = await execa('promtool', ['check', 'metrics'], { input: text, reject: false });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.exitCode).toBe(0);
  });
});

describe.skipIf(!hasPromtool)('alert rules with promtool', () => {
  it('promtool check rules passes for the plain rules file', async () => {
    const r = await execa('promtool', ['check', 'rules', 'dashboards/alerts/palisade.rules.yml'], { reject: false });
    expect(r.stdout + r.stderr).toContain('SUCCESS: 9 rules found');
    expect(r.exitCode).toBe(0);
  });

  it('promtool test rules passes (every alert fires and stays silent in a test)', async () => {
    const r = await execa('promtool', ['test', 'rules', 'palisade.rules.test.yml'], { cwd: 'dashboards/alerts', reject: false });
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.exitCode).toBe(0);
  });
});
