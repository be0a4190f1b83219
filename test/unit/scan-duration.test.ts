import { existsSync } from 'node:fs';
import { SCHEMA_VERSION } from '../../src/report/model.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import { RULES } from '../../src/rules/index.js';
import { evaluationLine, slowestRulesLine } from '../../src/cli/commands/scan.js';
import { runCli } from '../helpers/cli.ts';

describe('ScanResult timing', () => {
  const snapshot = new Snapshot({ objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }], source: 't', mode: 'offline' });

  it('counts from when the scan began (inventory included) when told', () => {
    const startedAt = new Date(Date.now() - 4000);
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, startedAt });
    expect(result.startedAt).toBe(startedAt.toISOString());
    expect(result.durationSeconds).toBeGreaterThanOrEqual(4);
  });

  it('long rule evaluation is reported in one line of counts; a small scan prints none', async () => {
    const { result } = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, startedAt: new Date() });
    const c = result.summary.counts;
    const total = c.pass + c.fail + c.waived + c.unknown + c.notApplicable + c.error;
    expect(total).toBeGreaterThan(0);
    expect(evaluationLine(result, 1, 9.84)).toBe(`evaluated ${RULES.length} rules over 1 objects: ${total} results (${c.fail} failing) in 9.8 s`);
    const demo = await runCli(['scan', '--from', 'examples/demo-cluster', '--format', 'json']);
    expect(demo.stderr).not.toMatch(/evaluated \d+ rules/);
  });


  it('PALISADE_TIMING=1 names the slowest rules with their share of the evaluation', async () => {
    expect(slowestRulesLine(new Map([['a/x', 10], ['b/y', 2500], ['c/z', 400]]), 2)).toBe('slowest rules: b/y 2.50 s, c/z 0.40 s (3 rules, 2.91 s)');
    const timed = await runCli(['scan', '--from', 'examples/demo-cluster', '--format', 'json'], { env: { PALISADE_TIMING: '1' } });
    const line = timed.stderr.split('\n').find((l) => l.startsWith('palisade: slowest rules: '));
    expect(line).toMatch(new RegExp(`\\(${RULES.length} rules, [\\d.]+ s\\)$`));
    expect((await runCli(['scan', '--from', 'examples/demo-cluster', '--format', 'json'])).stderr).not.toContain('slowest rules');
  });

  it('--output - writes the report to standard output, not to a file named "-"', async () => {
    const out = await runCli(['scan', '--from', 'examples/demo-cluster', '--format', 'json', '--output', '-']);
    expect(JSON.parse(out.stdout).schemaVersion).toBe(SCHEMA_VERSION);
    expect(existsSync(join(process.cwd(), '-'))).toBe(false);
  });
});
