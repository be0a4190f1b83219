/**
 * `palisade report --from-result` validates the document against the published schema of its
 * major version (docs/scan-result.schema.json for 2.x, docs/schemas/scan-result-1.schema.json
 * for 1.x) before rendering: an invalid document is a one-line error naming the file and the
 * first failing path, exit 2, and nothing is written.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/run.js';
import { expandResults, type ScanResultDocument } from '../../src/report/load.js';
import { checkResultSchema } from '../../src/report/result-schema.js';
import { runCli } from '../helpers/cli.ts';

const DEMO = join(import.meta.dirname, '../../examples/demo-cluster/tenant-acme');
let dir: string;
let doc: ScanResultDocument;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-from-result-'));
  const r = await runCli(['scan', '--from', DEMO, '--format', 'json']);
  doc = JSON.parse(r.stdout) as ScanResultDocument;
  expect(doc.schemaVersion).toMatch(/^2\./);
}, 60_000);

async function saved(name: string, value: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

/** The same scan as a 1.x document: every result in `results`, no compact form. */
function asVersion1(d: ScanResultDocument): Record<string, unknown> {
  // 2.x-only fields: the compact form, the effective configuration (2.1), the Kubernetes versions.
  const { compactResults: _c, objects: _o, config: _cfg, ...rest } = d;
  const { kubernetesVersions: _k, ...summary } = d.summary;
  // 1.x wrote a peer tool's check as a framework reference, and had one tenant score.
  const rules = d.rules.map((r) => ({ ...r, references: r.references.map((x) => ('tool' in x ? { framework: x.tool, id: x.id ?? x.tool } : x)) }));
  const tenants = d.tenants?.map(({ isolationScore: _i, isolation: _p, ...t }) => t);
  return { ...rest, ...(tenants ? { tenants } : {}), rules, schemaVersion: '1.0', summary, results: [...expandResults(d)] };
}

describe('report --from-result: schema validation', () => {
  it('a valid 2.x and a valid 1.x document render', async () => {
    expect(checkResultSchema(doc, '2')).toBeUndefined();
    const v1 = asVersion1(doc);
    expect(checkResultSchema(v1, '1')).toBeUndefined();
    for (const [name, value] of [['v2.json', doc], ['v1.json', v1]] as const) {
      const r = await runCli(['report', '--from-result', await saved(name, value), '--format', 'md']);
      expect(r.stderr).toBe('');
      expect([EXIT.ok, EXIT.findings]).toContain(r.code);
      expect(r.stdout).toContain('### Palisade: score');
    }
  });

  it('an invalid status is refused with exit 2, naming the file, the schema and the first failing path; nothing is written', async () => {
    const bad = structuredClone(doc);
    (bad.results[0] as { status: string }).status = 'passed';
    const file = await saved('bad-status.json', bad);
    const out = join(dir, 'out-status');
    const r = await runCli(['report', '--from-result', file, '--format', 'html', '--output-dir', out]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toBe(
      `palisade report: --from-result ${file}: not a valid ScanResult ${doc.schemaVersion} (docs/scan-result.schema.json): at /results/0/status: must be one of "pass", "fail", "waived", "unknown", "not-applicable", "error", not "passed"\n`,
    );
    await expect(readdir(out)).rejects.toThrow();
  });

  it('an invalid severity in a compact group, and a wrong type, name their paths', async () => {
    const bad = structuredClone(doc);
    expect(bad.compactResults?.length).toBeGreaterThan(0);
    (bad.compactResults![0] as { severity: string }).severity = 'urgent';
    const r = await runCli(['report', '--from-result', await saved('bad-severity.json', bad)]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/at \/compactResults\/0\/severity: must be one of "critical", "high", "medium", "low", "info", not "urgent"\n$/);
    const typed = structuredClone(doc);
    (typed.summary.counts as unknown as { fail: unknown }).fail = '3';
    const t = await runCli(['report', '--from-result', await saved('bad-type.json', typed)]);
    expect(t.code).toBe(EXIT.usage);
    expect(t.stderr).toMatch(/at \/summary\/counts\/fail: must be integer, not string\n$/);
  });

  it('a 1.x document is checked against the 1.x schema (its own version, not 2.x)', async () => {
    const v1 = asVersion1(doc);
    (v1['results'] as { severity: string }[])[1]!.severity = 'severe';
    const r = await runCli(['report', '--from-result', await saved('bad-v1.json', v1)]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('not a valid ScanResult 1.0 (docs/schemas/scan-result-1.schema.json): at /results/1/severity: must be one of');
    // A 2.x-only field is unknown to 1.x.
    const extra = { ...asVersion1(doc), compactResults: [] };
    const e = await runCli(['report', '--from-result', await saved('extra-v1.json', extra)]);
    expect(e.stderr).toMatch(/at \/: unknown property "compactResults"\n$/);
  });
});
