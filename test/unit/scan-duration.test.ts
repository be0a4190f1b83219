import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { RULES } from '../../src/rules/index.js';

describe('ScanResult timing', () => {
  const snapshot = new Snapshot({ objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }], source: 't', mode: 'offline' });

  it('counts from when the scan began (inventory included) when told', () => {
    const startedAt = new Date(Date.now() - 4000);
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, startedAt });
    expect(result.startedAt).toBe(startedAt.toISOString());
    expect(result.durationSeconds).toBeGreaterThanOrEqual(4);
  });

});
