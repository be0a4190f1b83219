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
    ],
  },
});
