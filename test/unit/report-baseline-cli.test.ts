/**
 * A waiver added after the baseline: the findings it covers are newly waived, never fixed, in
 * every format; removing it again makes them waiver-expired (cause: removed). Also the integrity
 * hash every format shows is the SHA-256 of the JSON file's bytes, before and after re-rendering.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { EXIT } from '../../src/cli/run.js';
import { resultNamespace } from '../../src/model/result.js';
import type { ScanResultDocument } from '../../src/report/load.js';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'examples/demo-cluster');
const FORMATS = 'json,sarif,md,html,table';

let dir: string;
const read = (d: string, f: string): Promise<string> => readFile(join(dir, d, f), 'utf8');
const doc = async (d: string): Promise<ScanResultDocument> => JSON.parse(await read(d, 'palisade.json')) as ScanResultDocument;
const scan = async (out: string, ...extra: string[]): Promise<void> => {
  const r = await runCli(['scan', '--from', DEMO, '--format', FORMATS, '--output-dir', join(dir, out), ...extra]);
  expect([EXIT.ok, EXIT.incomplete], r.stderr).toContain(r.code);
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-baseline-'));
  await writeFile(
    join(dir, 'waive.yaml'),
    ['waivers:', '  - rule: "*"', '    namespace: kube-system', '    reason: system components, reviewed', '    approver: platform-team', '    expires: "2099-12-31"', ''].join('\n'),
  );
  await scan('before');
  await scan('waived', '--config', join(dir, 'waive.yaml'), '--baseline', join(dir, 'before', 'palisade.json'));
  await scan('unwaived', '--baseline', join(dir, 'waived', 'palisade.json'));
}, 120_000);

describe('a waiver added after the baseline', () => {
  it('JSON: newly waived with the waiver, nothing fixed or new', async () => {
    const before = await doc('before');
    const kubeSystemFails = before.results.filter((r) => r.status === 'fail' && resultNamespace(r) === 'kube-system');
    expect(kubeSystemFails.length).toBeGreaterThan(0);
    const b = (await doc('waived')).baseline!;
    // One entry per rule × object: several results of one rule on one object count once.
    const key = (r: { rule: string; object: { kind: string; namespace?: string; name: string } }): string => `${r.rule} ${r.object.kind}/${r.object.namespace ?? ''}/${r.object.name}`;
    const keys = new Set(kubeSystemFails.map(key));
    const others = new Set(before.results.filter((r) => r.status === 'fail' && resultNamespace(r) !== 'kube-system').map(key));
    expect(b.counts).toEqual({ new: 0, fixed: 0, unchanged: others.size, newlyWaived: keys.size, waiverExpired: 0, notEvaluated: 0 });
    expect(b.counts.newlyWaived).toBe(keys.size);
    expect(new Set(b.newlyWaived.map(key))).toEqual(keys);
    expect(b.newlyWaived[0]).toMatchObject({ before: 'fail', waiver: { reason: 'system components, reviewed', approver: 'platform-team', expires: '2099-12-31' } });
    expect(b.fixed).toEqual([]);
  });

  it('SARIF: the waived results are suppressed and updated, none is absent', async () => {
    const log = JSON.parse(await read('waived', 'palisade.sarif')) as Log;
    const results = log.runs[0]!.results ?? [];
    const newly = results.filter((r) => r.properties?.['baselineState'] === 'newly-waived');
    expect(newly.length).toBeGreaterThan(0);
    for (const r of newly) {
      expect(r.baselineState).toBe('updated');
      expect(r.suppressions?.[0]).toMatchObject({ kind: 'external', status: 'accepted' });
    }
    expect(results.filter((r) => r.baselineState === 'absent')).toEqual([]);
    expect(log.runs[0]!.properties?.['baseline']).toMatchObject({ counts: { fixed: 0, newlyWaived: newly.length } });
  });

  it('Markdown, HTML and table say newly waived, not fixed', async () => {
    const n = (await doc('waived')).baseline!.counts.newlyWaived;
    expect(await read('waived', 'palisade.md')).toContain(`0 new, 0 fixed,`);
    expect(await read('waived', 'palisade.md')).toContain(`${n} newly waived, 0 waiver expired`);
    expect(await read('waived', 'palisade.md')).toContain('#### Newly waived since the baseline');
    const html = await read('waived', 'palisade.html');
    expect(html).toContain(`data-metric="baseline-newly-waived">${n}<`);
    expect(html).toContain('data-metric="baseline-fixed">0<');
    expect(html).not.toContain('Fixed since the baseline');
    expect(html).toContain('Newly waived since the baseline');
    expect(html).toMatch(/<span class="badge bl-newly-waived">newly-waived<\/span>/);
    const table = await read('waived', 'palisade.txt');
    expect(table).toContain(`new 0  fixed 0  unchanged`);
    expect(table).toContain(`newly waived ${n}  waiver expired 0`);
  });

  it('removed again: the findings are waiver-expired (removed), not new, and --fail-on-new trips', async () => {
    const waived = await doc('waived');
    const b = (await doc('unwaived')).baseline!;
    expect(b.counts).toMatchObject({ new: 0, fixed: 0, newlyWaived: 0, waiverExpired: waived.baseline!.counts.newlyWaived });
    expect(b.waiverExpired[0]).toMatchObject({ cause: 'removed', waiver: { reason: 'system components, reviewed' } });
    expect(await read('unwaived', 'palisade.md')).toContain('#### Waiver expired or removed since the baseline');
    expect(await read('unwaived', 'palisade.html')).toContain(`data-metric="baseline-waiver-expired">${b.counts.waiverExpired}<`);
    expect(await read('unwaived', 'palisade.txt')).toContain(`waiver expired ${b.counts.waiverExpired}`);
    const sarif = JSON.parse(await read('unwaived', 'palisade.sarif')) as Log;
    expect((sarif.runs[0]!.results ?? []).filter((r) => r.properties?.['baselineState'] === 'waiver-expired').length).toBe(b.counts.waiverExpired);
    const gate = await runCli(['report', '--from-result', join(dir, 'unwaived', 'palisade.json'), '--fail-on-new', '--format', 'md']);
    expect(gate.code).toBe(EXIT.findings);
    expect(gate.stderr).toContain(`0 new finding(s) and ${b.counts.waiverExpired} whose waiver expired or was removed`);
  });
});

describe('integrity', () => {
  it('every format shows the SHA-256 of the JSON file, the version and the configuration it was made with', async () => {
    const bytes = await readFile(join(dir, 'waived', 'palisade.json'));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const saved = await doc('waived');
    expect(await read('waived', 'palisade.md')).toContain(`ScanResult SHA-256: \`${sha}\``);
    expect(await read('waived', 'palisade.md')).toContain(`Palisade ${saved.scanner.version}`);
    expect(await read('waived', 'palisade.md')).toMatch(/Waivers: 1 configured, \d+ results waived by them/);
    expect(await read('waived', 'palisade.html')).toContain(`<code data-integrity="sha256">${sha}</code>`);
    const sarif = JSON.parse(await read('waived', 'palisade.sarif')) as Log;
    expect(sarif.runs[0]!.properties?.['scanResultSha256']).toBe(sha);
    // The configuration is in the JSON itself (the hash of itself cannot be).
    expect(saved.config?.waivers).toEqual([
      { rule: '*', namespace: 'kube-system', reason: 'system components, reviewed', approver: 'platform-team', expires: '2099-12-31', expired: false, applied: saved.summary.counts.waived },
    ]);
    expect(saved.config?.rules.enabled).toEqual(saved.rules.map((r) => r.id).sort());
    expect(saved.config?.tenancy.tenants.map((t) => t.name)).toEqual(['acme', 'globex', 'initech']);
    // Re-rendered from the file: the same hash.
    const again = await runCli(['report', '--from-result', join(dir, 'waived', 'palisade.json'), '--format', 'md']);
    expect(again.stdout).toContain(`ScanResult SHA-256: \`${sha}\``);
  });
});
