/**
 * Issue 13, input side: one bad object, entry or file never stops a scan, and nothing is lost
 * silently. Each case runs the real CLI runner (exit codes, stderr) on inputs written here.
 */
import { chmod, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { parseResult, type ExpandedResult } from '../helpers/result-json.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScanResult } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const MISTYPED = join(ROOT, 'test/fixtures/bad-input/mistyped');

// Each case runs whole scans in-process; on a busy 2-core machine the first one loads every rule module.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-robust-'));
});

const NS = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

async function scanJson(args: string[]): Promise<{ code: number; stderr: string; result: ExpandedResult }> {
  const out = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli(['scan', ...args, '--format', 'json', '--output', out]);
  const { readFile } = await import('node:fs/promises');
  return { code: r.code, stderr: r.stderr, result: parseResult(await readFile(out, 'utf8')) };
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

/** A directory nobody can list, root included: mode 000 where that is enough, else a link to one the kernel guards. */
async function unreadableDir(path: string): Promise<void> {
  await mkdir(path);
  await writeFile(join(path, 'hidden.yaml'), NS('hidden'));
  await chmod(path, 0o000);
  try {
    await readdir(path);
  } catch {
    return;
  }
  // Root reads a mode-000 directory (CAP_DAC_READ_SEARCH); /proc/1/map_files needs more than that.
  await chmod(path, 0o755);
  const { rm } = await import('node:fs/promises');
  await rm(path, { recursive: true });
  await symlink('/proc/1/map_files', path);
  await expect(readdir(path), 'no way to make a directory unreadable for this user').rejects.toThrow();
}

describe('2-3. directory walking: each unreadable entry is its own error; symlinks are followed', () => {
  it('an unreadable sub-directory and a broken link are errors of their own; the rest of the tree is scanned', async () => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'ok'), { recursive: true });
    await writeFile(join(tree, 'a.yaml'), NS('a'));
    await writeFile(join(tree, 'ok', 'b.yaml'), NS('b'));
    await unreadableDir(join(tree, 'locked'));
    await symlink(join(tree, 'nowhere.yaml'), join(tree, 'broken.yaml'));
    await symlink(tree, join(tree, 'ok', 'loop')); // a link back up the tree
    await symlink(join(tree, 'a.yaml'), join(tree, 'ok', 'again.yaml')); // a second link to one file: read once
    const { code, stderr, result } = await scanJson(['--from', tree]);
    expect(code).toBe(3);
    expect(stderr).toContain(`palisade: cannot read directory ${join(tree, 'locked')}: EACCES; the rest of the tree is scanned`);
    expect(stderr).toContain(`palisade: cannot read ${join(tree, 'broken.yaml')}: broken symbolic link (ENOENT)`);
    expect(result.errors).toHaveLength(2);
    expect(result.summary.objects.byKind).toEqual({ Namespace: 2 });
  });

  it('a ConfigMap-mounted directory (x.yaml -> ..data/x.yaml, ..data -> ..<timestamp>) is scanned', async () => {
    const cm = join(dir, 'configmap');
    const stamp = '..2024_01_01_00_00_00.000000000';
    await mkdir(join(cm, stamp), { recursive: true });
    await writeFile(join(cm, stamp, 'x.yaml'), NS('mounted'));
    await symlink(stamp, join(cm, '..data'));
    await symlink(join('..data', 'x.yaml'), join(cm, 'x.yaml'));
    const { code, result } = await scanJson(['--from', cm]);
    expect(code).toBe(0);
    expect(result.summary.objects.byKind).toEqual({ Namespace: 1 });
    expect(result.results.some((r) => r.object.name === 'mounted')).toBe(true);
  });
});

const BOMB = `a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

describe('4. limits: alias expansion, snapshot size, object size, name length', () => {
  it('a "billion laughs" document is refused in scan and snapshot --from (exit 3, the rest read) and in --config (exit 2)', async () => {
    const file = join(dir, 'bomb.yaml');
    await writeFile(file, `${NS('fine')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol, namespace: fine}\ndata:\n  ${BOMB.split('\n').join('\n  ')}\n`);
    const scan = await runCli(['scan', '--from', file, '--format', 'json', '--output', join(dir, 'bomb.json')]);
    expect(scan.code).toBe(3);
    expect(scan.stderr).toMatch(/bomb\.yaml:5: skipped document: YAML aliases expand too far \(over 100 alias uses: a "billion laughs" document\?\); refused/);
    const snap = await runCli(['snapshot', '--from', file, '--output', join(dir, 'bomb-snap.json')]);
    expect(snap.code).toBe(3);
    expect(snap.stderr).toMatch(/YAML aliases expand too far/);
    expect(snap.stderr).toContain('wrote 1 objects');
    const config = join(dir, 'bomb-config.yaml');
    await writeFile(config, `${BOMB}clusterName: x\n`);
    const cfg = await runCli(['scan', '--from', join(dir, 'tree', 'a.yaml'), '--config', config]);
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toMatch(/config .*bomb-config\.yaml is not valid YAML:\n {2}.*YAML aliases expand too far/);
    expect(cfg.stderr).not.toMatch(/internal error/);
  });

  it('a snapshot that inflates past --max-snapshot-size is refused while inflating (exit 2)', async () => {
    const body = JSON.stringify({ apiVersion: 'palisade.dev/v1alpha1', kind: 'Snapshot', mode: 'offline', takenAt: '2026-01-01T00:00:00Z', source: 's', objects: [], pad: 'x'.repeat(3 * 1024 * 1024) });
    const file = join(dir, 'big.json.gz');
    await writeFile(file, gzipSync(body));
    const r = await runCli(['scan', '--snapshot', file, '--max-snapshot-size', '1Mi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`snapshot ${file}: the decompressed content is over the snapshot size limit of 1 MiB (raise it with --max-snapshot-size or limits.maxSnapshotBytes)`);
    const plain = join(dir, 'big.json');
    await writeFile(plain, body);
    const p = await runCli(['scan', '--snapshot', plain, '--max-snapshot-size', '1Mi']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('the file (3 MiB) is over the snapshot size limit of 1 MiB');
    const bad = await runCli(['scan', '--snapshot', plain, '--max-snapshot-size', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-snapshot-size must be a size of at least 1Ki, such as 1572864, 3Mi or 1Gi (got "lots")');
  });

  it('an object over 1.5 MiB (etcd) is refused, the limit is configurable; a name longer than Kubernetes allows is refused', async () => {
    const file = join(dir, 'large.yaml');
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: a}\ndata:\n  blob: "${'x'.repeat(2 * 1024 * 1024)}"\n`;
    await writeFile(file, `${NS('a')}---\n${big}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${'n'.repeat(300)}, namespace: a}\n`);
    const r = await scanJson(['--from', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('large.yaml:5: skipped document: 2 MiB is over the object size limit of 1.5 MiB (etcd\'s default); raise it with --max-object-size or limits.maxObjectBytes');
    expect(r.stderr).toContain(`large.yaml:11: skipped ConfigMap/a/${'n'.repeat(80)}…: metadata.name is 300 characters long; Kubernetes allows at most 253`);
    const raised = await scanJson(['--from', file, '--max-object-size', '3Mi']);
    expect(raised.stderr).not.toContain('over the object size limit');
    expect(raised.result.summary.objects.byKind).toEqual({ Namespace: 1, ConfigMap: 1 });
    const config = join(dir, 'limits.yaml');
    await writeFile(config, 'limits:\n  maxObjectBytes: 4194304\n');
    const viaConfig = await scanJson(['--from', file, '--config', config]);
    expect(viaConfig.stderr).not.toContain('over the object size limit');
    // A JSON list over the limit: each item is measured, not the whole file.
    const list = join(dir, 'list.json');
    const items = Array.from({ length: 3 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'a' }, data: { blob: 'x'.repeat(600 * 1024) } }));
    await writeFile(list, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    const l = await scanJson(['--from', list]);
    expect(l.result.summary.objects.byKind).toEqual({ ConfigMap: 3 });
  });
});

describe('5. encodings and duplicate keys', () => {
  it('UTF-16 and UTF-32 files with a byte order mark are decoded; a UTF-8 BOM is dropped', async () => {
    const enc = join(dir, 'encodings');
    await mkdir(enc);
    const text = (name: string): string => NS(name);
    const utf16be = Buffer.from(text('u16be'), 'utf16le').swap16();
    const utf32 = (s: string, le: boolean): Buffer => {
      const b = Buffer.alloc(4 * (s.length + 1));
      const write = (v: number, at: number): number => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
      write(0xfeff, 0);
      [...s].forEach((c, i) => write(c.codePointAt(0)!, 4 * (i + 1)));
      return b;
    };
    await writeFile(join(enc, 'u16le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text('u16le'), 'utf16le')]));
    await writeFile(join(enc, 'u16be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]));
    await writeFile(join(enc, 'u32le.yaml'), utf32(text('u32le'), true));
    await writeFile(join(enc, 'u32be.yaml'), utf32(text('u32be'), false));
    await writeFile(join(enc, 'u8bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text('u8bom'))]));
    const { code, stderr, result } = await scanJson(['--from', enc]);
    expect(stderr).not.toMatch(/error|warning|skipped/);
    expect(code).toBe(0);
    const names = new Set(result.results.filter((r) => r.object.kind === 'Namespace').map((r) => r.object.name));
    expect([...names].sort()).toEqual(['u16be', 'u16le', 'u32be', 'u32le', 'u8bom']);
  });

  it('Latin-1 input is read with a warning naming the file (not an error; nothing is lost)', async () => {
    const file = join(dir, 'latin1.yaml');
    await writeFile(file, Buffer.from(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cafe\n  annotations: {owner: "Ren\u00e9"}\n`, 'latin1'));
    const { code, stderr, result } = await scanJson(['--from', file]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^palisade: warning: .*latin1\.yaml: line 5: not valid UTF-8; read as Latin-1 \(save the file as UTF-8\)\n/m);
    expect(result.results.some((r) => r.object.name === 'cafe')).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it('duplicate JSON keys are an error at the file, as duplicate YAML keys are', async () => {
    const json = join(dir, 'dup.json');
    await writeFile(json, '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "name": "b"}}');
    const yaml = join(dir, 'dup.yaml');
    await writeFile(yaml, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, name: b}\n');
    for (const file of [json, yaml]) {
      const r = await runCli(['scan', '--from', file]);
      expect(r.code, file).toBe(3);
      expect(r.stderr, file).toMatch(file === json ? /dup\.json:1: Map keys must be unique/ : /dup\.yaml:3: Map keys must be unique/);
    }
  });
});

describe('1. a saved snapshot: an invalid object is left out and reported, the rest is scanned', () => {
  it('a snapshot holding a mistyped object scans its other objects, exit 3', async () => {
    const file = join(dir, 'mixed-snapshot.json');
    const objects = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 2024 } },
      { kind: 'Pod' },
    ];
    await writeFile(file, JSON.stringify({ apiVersion: 'palisade.dev/v1alpha1', kind: 'Snapshot', mode: 'live', takenAt: '2026-01-01T00:00:00Z', source: 'https://api', cluster: {}, objects, gaps: [], errors: [] }));
    const { code, stderr, result } = await scanJson(['--snapshot', file]);
    expect(code).toBe(3);
    expect(stderr).toContain('palisade: skipped ConfigMap/?/c: metadata.namespace must be a string (got number 2024)');
    expect(stderr).toContain('palisade: skipped Pod/?: apiVersion is missing; metadata is missing');
    expect(result.summary.objects.byKind).toEqual({ Namespace: 1 });
    expect(result.summary.objects.invalid).toBe(2);
  });
});
