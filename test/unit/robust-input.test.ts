/**
 * Issue 13, input side: one bad object, entry or file never stops a scan, and nothing is lost
 * silently. Each case runs the real CLI runner (exit codes, stderr) on inputs written here.
 */
import { chmod, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const MISTYPED = join(ROOT, 'test/fixtures/bad-input/mistyped');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-robust-'));
});

const NS = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

async function scanJson(args: string[]): Promise<{ code: number; stderr: string; result: ScanResult }> {
  const out = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli(['scan', ...args, '--format', 'json', '--output', out]);
  const { readFile } = await import('node:fs/promises');
  return { code: r.code, stderr: r.stderr, result: JSON.parse(await readFile(out, 'utf8')) as ScanResult };
}

describe('1. a mistyped field excludes that object only (exit 3, incomplete)', () => {
  it('each realistic typo is an inventory error naming file:line, the field path and the type; the rest is scanned', async () => {
    const { code, stderr, result } = await scanJson(['--from', MISTYPED]);
    expect(code).toBe(3);
    const file = 'test/fixtures/bad-input/mistyped/objects.yaml';
    const lines = stderr.split('\n').filter((l) => l.includes('skipped'));
    expect(lines).toEqual([
      `palisade: ${file}:55: skipped document: metadata.name must be a string (got number 1001)`,
      `palisade: ${file}:8: skipped ConfigMap/?/year: metadata.namespace must be a string (got number 2024)`,
      `palisade: ${file}:14: skipped Namespace/numbered: metadata.labels["palisade.dev/tenant"] must be a string (got number 2024)`,
      `palisade: ${file}:21: skipped RoleBinding/shop/uid-binding: subjects[0].name must be a string (got number 1001)`,
      `palisade: ${file}:29: skipped Role/shop/core-reader: rules[0].apiGroups must be a list (got string "")`,
      `palisade: ${file}:37: skipped Service/shop/web: spec.ports must be a list (got number 1)`,
      `palisade: ${file}:44: skipped Deployment/shop/web: spec.template.spec.containers[1] must be a map (got null)`,
    ]);
    expect(stderr).not.toMatch(/internal error|TypeError/);
    // The valid objects were scanned: the namespace and the ServiceAccount with `labels: null`.
    const objects = new Set(result.results.map((r) => `${r.object.kind}/${r.object.name}`));
    expect(objects).toContain('Namespace/shop');
    expect(objects).toContain('ServiceAccount/app');
    expect(result.incomplete).toBe(true);
    expect(result.summary.objects.invalid).toBe(7);
    expect(result.summary.objects.total).toBe(2);
  });
});
