/**
 * `palisade serve` scanning the run's real kube-apiserver (no --from): the live source feeds
 * the same metric families as files do.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServe, waitFor, type RunningServe } from '../fixtures/metrics/harness.ts';

const info = inject('cluster');

describe.skipIf(!info)('palisade serve against the live cluster', () => {
  let server: RunningServe;

  beforeAll(async () => {
    server = await startServe(['--kubeconfig', info!.kubeconfig, '--listen', '127.0.0.1:0', '--schedule', '0 0 1 1 *', '--cluster', 'live']);
    await waitFor('first live scan', async () => ((await fetch(`${server.base}/readyz`)).ok ? true : undefined), 120_000);
  }, 180_000);

  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
  });

  it('logs the live source and exports what it listed', async () => {
    expect(server.log()).toContain('source: live cluster');
    const text = await (await fetch(`${server.base}/metrics`)).text();
    expect(text).toContain('palisade_last_scan_success{cluster="live"} 1');
    expect(text).toMatch(/palisade_scanned_objects\{kind="Namespace",cluster="live"\} [1-9]/);
    expect(text).toMatch(/palisade_scanned_objects\{kind="ClusterRole",cluster="live"\} [1-9]/);
    expect(text).toMatch(/palisade_rule_results\{rule="[a-z-]+\/[a-z0-9-]+",family="[a-z-]+",severity="[a-z]+",status="pass",cluster="live"\} [1-9]/);
    const report = (await (await fetch(`${server.base}/report.json`)).json()) as { source: { mode: string } };
    expect(report.source.mode).toBe('live');
  });
});
