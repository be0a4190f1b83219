/**
 * The CLI's live paths against the run's real kube-apiserver: `palisade snapshot` writes what a
 * live scan reads, `palisade scan --snapshot` of it gives the live scan's results, and live
 * failures map to the documented exit codes (2: kubeconfig/context; 3: server unreachable).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { expandResult, parseResult } from '../helpers/result-json.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ScanResult } from '../../src/report/model.js';
import { clusterFor } from '../helpers/cluster.ts';
import { runCli } from '../helpers/cli.ts';

const info = inject('cluster');



describe.skipIf(!info)('palisade CLI, live', () => {
  let dir: string;
  const ns = 'cli-live';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-cli-live-'));
    const k = clusterFor(info!);
    await k.createNamespace(ns, { 'palisade.dev/tenant': 'cli' });
    await k.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    await k.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'priv', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'priv' } },
        template: {
          metadata: { labels: { app: 'priv' } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }] },
        },
      },
    });
  });

  it('snapshot → scan --snapshot gives the same results as a live scan; --fail-on sees live findings', async () => {
    const file = join(dir, 'cluster.json.gz');
    const snap = await runCli(['snapshot', '--kubeconfig', info!.kubeconfig, '--output', file]);
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toMatch(/\[live\]/); // progress lines go to stderr
    expect(snap.stderr).toMatch(new RegExp(`wrote \\d+ objects to ${file.replace(/[.]/g, '\\.')}`));

    const live = await runCli(['scan', '--kubeconfig', info!.kubeconfig, '--format', 'json', '--fail-on', 'critical']);
    expect(live.code, live.stderr).toBe(1);
    const liveResult = parseResult(live.stdout);
    expect(liveResult.source.mode).toBe('live');
    expect(liveResult.source.cluster?.version).toBe('v1.36.3');
    const priv = liveResult.results.find((r) => r.rule === 'pss/privileged' && r.object.namespace === ns && r.object.name === 'priv');
    expect(priv?.status).toBe('fail');
    expect(priv?.tenant).toBe('cli');

    const replay = await runCli(['scan', '--snapshot', file, '--format', 'json']);
    expect(replay.code, replay.stderr).toBe(0);
    const replayed = parseResult(replay.stdout);
    expect(replayed.source.mode).toBe('snapshot');
    expect(replayed.source.cluster?.version).toBe('v1.36.3');
    expect(replayed.results).toEqual(liveResult.results);
    expect(replayed.summary.score).toBe(liveResult.summary.score);
    // The file is a gzip'd Snapshot document and holds no Secret.
    const doc = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as { kind: string; objects: { kind: string }[] };
    expect(doc.kind).toBe('Snapshot');
    expect(doc.objects.some((o) => o.kind === 'Secret')).toBe(false);
  });

  it('an unknown context is a config error (2)', async () => {
    const r = await runCli(['scan', '--kubeconfig', info!.kubeconfig, '--context', 'no-such-context']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot scan the cluster');
    expect(r.stderr).toContain('no-such-context');
  });

  it('an unreachable API server makes the scan incomplete (3)', async () => {
    const kubeconfig = join(dir, 'unreachable.yaml');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: gone, context: {cluster: gone, user: u}}]',
        'current-context: gone',
        '',
      ].join('\n'),
    );
    const r = await runCli(['scan', '--kubeconfig', kubeconfig]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('cannot scan the cluster: cannot reach');
    expect(r.stdout).toBe('');
  });
});
