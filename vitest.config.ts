import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (in-memory snapshots, fast) and `integration` (a real kube-apiserver,
 * Prometheus, Pushgateway and Chromium; started once per run by the global setup).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Builds the control plane if stale, starts one kube-apiserver per run, provides `cluster`.
          globalSetup: ['test/integration/setup/global.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Two shared cores and one apiserver: run integration files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
