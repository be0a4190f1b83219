/**
 * `palisade serve` as its own process (src/cli/main.ts run by Node 24 directly): it serves
 * the demo cluster's metrics and stops cleanly, exit 0, on a real SIGTERM.
 */
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../fixtures/metrics/harness.ts';

describe('palisade serve process', () => {
  it('serves /metrics and shuts down gracefully on SIGTERM', async () => {
    const child = execa(
      process.execPath,
      [
        '--experimental-transform-types', '--no-warnings',
        '--import', './test/fixtures/metrics/ts-resolve.mjs',
        'src/cli/main.ts', 'serve',
        '--from', 'examples/demo-cluster',
        '--listen', '127.0.0.1:0',
        '--schedule', '0 0 1 1 *',
        '--cluster', 'proc',
      ],
      { reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe' },
    );
    const lines: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
    try {
      const base = await waitFor(
        'listening line',
        async () => {
          if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${lines.join('\n')}`);
          return lines.map((l) => /listening on (http:\/\/[^ ]+) /.exec(l)?.[1]).find((x) => x !== undefined);
        },
        60_000,
      );
      await waitFor('ready', async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), 60_000);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('palisade_cluster_score{cluster="proc"}');
      expect(metrics).toContain('palisade_scans_total{outcome="success",cluster="proc"} 1');

      child.kill('SIGTERM');
      const done = await child;
      expect(done.exitCode).toBe(0);
      expect(lines).toContain('palisade serve: stopping (waiting for a running scan)');
      expect(lines).toContain('palisade serve: stopped');
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
