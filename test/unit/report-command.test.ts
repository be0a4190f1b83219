import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/run.js';
import type { ScanResultDocument } from '../../src/report/load.js';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'examples/demo-cluster');
const ALL = 'html,sarif,junit,csv,md,oscal,policyreport,openreports,json';



let dir: string;
let scanDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-report-'));
  scanDir = join(dir, 'scan');
  const r = await runCli(['scan', '--from', DEMO, '--format', ALL, '--output-dir', scanDir]);
  expect(r.stderr).toContain('wrote html report');
  expect([EXIT.ok, EXIT.incomplete]).toContain(r.code);
}, 60_000);

describe('palisade scan --format … --output-dir / palisade report --from-result', () => {
  it('scan writes every auditor format', async () => {
    expect((await readdir(scanDir)).sort()).toEqual([
      'palisade.csv',
      'palisade.html',
      'palisade.json',
      'palisade.junit.xml',
      'palisade.md',
      'palisade.openreports.yaml',
      'palisade.oscal.json',
      'palisade.policyreport.yaml',
      'palisade.sarif',
    ]);
  });

  it('re-rendering the saved JSON gives byte-identical files for every format', async () => {
    const again = join(dir, 'again');
    const r = await runCli(['report', '--from-result', join(scanDir, 'palisade.json'), '--format', ALL, '--output-dir', again]);
    expect(r.stderr).not.toContain('error');
    for (const f of await readdir(scanDir)) {
      const a = await readFile(join(scanDir, f));
      const b = await readFile(join(again, f));
      expect(b.equals(a), `${f} differs after re-rendering`).toBe(true);
    }
    // Every format of the demo plus the schema check of the input: seconds on a loaded machine.
  }, 30_000);

  it('--baseline marks new findings and --fail-on-new exits 1 only when there are new failures', async () => {
    const json = join(scanDir, 'palisade.json');
    const result = JSON.parse(await readFile(json, 'utf8')) as ScanResultDocument;
    // An older scan without the first failing result: that finding is new now.
    const firstFail = result.results.findIndex((r) => r.status === 'fail');
    const older = { ...result, results: result.results.filter((_r, i) => i !== firstFail) };
    const olderFile = join(dir, 'older.json');
    await writeFile(olderFile, JSON.stringify(older));

    const same = await runCli(['report', '--from-result', json, '--baseline', json, '--fail-on-new', '--format', 'md']);
    expect(same.code).toBe(result.incomplete ? EXIT.incomplete : EXIT.ok);
    expect(same.stdout).toContain(': 0 new, 0 fixed,');

    const newer = await runCli(['report', '--from-result', json, '--baseline', olderFile, '--fail-on-new', '--format', 'md']);
    expect(newer.code).toBe(EXIT.findings);
    expect(newer.stdout).toContain(': 1 new, 0 fixed,');
    expect(newer.stdout).toContain(`\`${result.results[firstFail]!.rule}\``);

    // the comparison is saved in the JSON and rendered again without --baseline
    const withBaseline = join(dir, 'with-baseline');
    await runCli(['scan', '--from', DEMO, '--baseline', olderFile, '--format', 'json,sarif', '--output-dir', withBaseline]);
    const saved = JSON.parse(await readFile(join(withBaseline, 'palisade.json'), 'utf8')) as ScanResultDocument;
    expect(saved.baseline?.counts.new).toBe(1);
    const rerendered = await runCli(['report', '--from-result', join(withBaseline, 'palisade.json'), '--format', 'sarif']);
    expect(rerendered.stdout).toBe(await readFile(join(withBaseline, 'palisade.sarif'), 'utf8'));
    expect(rerendered.stdout).toContain('"baselineState": "new"');
  });

  it('a replayed live snapshot whose kubelets were read unverified: every auditor format says so, before and after re-rendering', async () => {
    const kubelet = (node: string, via: string) => ({
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      metadata: { name: node, annotations: { 'palisade.dev/kubelet-tls': via } },
      authentication: { anonymous: { enabled: false } },
    });
    const snapshotFile = join(dir, 'live-snapshot.json');
    await writeFile(
      snapshotFile,
      JSON.stringify({
        apiVersion: 'palisade.dev/v1alpha1',
        kind: 'Snapshot',
        takenAt: '2026-11-01T10:00:00.000Z',
        source: 'https://10.0.0.1:6443',
        mode: 'live',
        cluster: { name: 'prod', version: 'v1.36.3' },
        objects: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
          { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } },
          { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n2' } },
          kubelet('n1', 'kubelet-ca'),
          kubelet('n2', 'not-verified'),
        ],
        gaps: [],
        errors: [],
      }),
    );
    const first = join(dir, 'kubelet-tls');
    const scanned = await runCli(['scan', '--snapshot', snapshotFile, '--format', `${ALL},table`, '--output-dir', first]);
    expect([EXIT.ok, EXIT.incomplete]).toContain(scanned.code);
    const saved = JSON.parse(await readFile(join(first, 'palisade.json'), 'utf8')) as ScanResultDocument;
    expect(saved.source).toMatchObject({ mode: 'snapshot', kubeletTls: 'not-verified' }); // the weakest of the two reads

    const again = join(dir, 'kubelet-tls-again');
    const r = await runCli(['report', '--from-result', join(first, 'palisade.json'), '--format', `${ALL},table`, '--output-dir', again]);
    expect(r.code).toBe(EXIT.ok);
    for (const f of await readdir(first)) {
      const b = await readFile(join(again, f));
      expect(b.equals(await readFile(join(first, f))), `${f} differs after re-rendering`).toBe(true);
    }
    const read = (f: string): Promise<string> => readFile(join(again, f), 'utf8');
    expect(await read('palisade.txt')).toContain('WARNING kubelet TLS: NOT VERIFIED (--kubelet-insecure-tls)');
    expect(await read('palisade.md')).toContain('> **Warning — kubelet TLS: NOT VERIFIED \\(--kubelet-insecure-tls\\).**');
    expect(await read('palisade.html')).toContain('data-kubelet-tls="not-verified"');
    expect(await read('palisade.oscal.json')).toMatch(/"name": "kubelet-tls",\s*"ns": "https:\/\/palisade\.dev\/ns\/oscal",\s*"value": "not-verified"/);
    // SARIF: a warning notification of the invocation (and the mode in the run's source); PolicyReport: an annotation.
    const sarif = JSON.parse(await read('palisade.sarif')) as { runs: { invocations: { toolExecutionNotifications: { level: string; descriptor: { id: string }; message: { text: string } }[] }[]; properties: { source: { kubeletTls?: string } } }[] };
    const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.filter((n) => n.descriptor.id === 'kubelet-tls/not-verified');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ level: 'warning', message: { text: expect.stringContaining('kubelet serving certificates were not verified') } });
    expect(sarif.runs[0]!.properties.source.kubeletTls).toBe('not-verified');
    expect(await read('palisade.policyreport.yaml')).toContain('palisade.dev/kubelet-tls: not-verified');
  });

  it('rejects bad combinations and bad files with exit 2', async () => {
    expect((await runCli(['report', '--format', 'html'])).code).toBe(EXIT.usage);
    const notResult = join(dir, 'not-result.json');
    await writeFile(notResult, '{"hello": 1}');
    const bad = await runCli(['report', '--from-result', notResult, '--format', 'md']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('is not a Palisade scan result');
    const json = join(scanDir, 'palisade.json');
    expect((await runCli(['report', '--from-result', json, '--fail-on-new'])).code).toBe(EXIT.usage);
    expect((await runCli(['scan', '--from', DEMO, '--fail-on-new'])).stderr).toContain('--fail-on-new needs --baseline');
    const wp = await runCli(['scan', '--from', DEMO, '--write-policy-reports']);
    expect(wp.code).toBe(EXIT.usage);
    expect(wp.stderr).toContain('--write-policy-reports needs a live scan');
    expect((await runCli(['report', '--from-result', json, '--baseline', notResult])).code).toBe(EXIT.usage);
  });
});
