/**
 * YAML that is not Kubernetes in a scanned folder (Helm Chart.yaml / values.yaml, application
 * config, Compose, CI workflows, kustomization.yaml) is listed as skipped, not an error: the scan
 * is not incomplete because of it. The rule: a file none of whose documents looks like a
 * Kubernetes object (kind or metadata, or a Kubernetes apiVersion; Chart.yaml and tool configs
 * excepted) is skipped; in a file that has one, every malformed document is still an error.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseManifestText, type LoadedObjects } from '../../src/inventory/files.js';
import { EXIT } from '../../src/cli/io.js';
import { parseResult } from '../helpers/result-json.js';
import { runCli } from '../helpers/cli.js';

/** A reported path (relative to the working directory) from inside the scanned directory. */
const inside = (root: string, path: string): string => path.slice(path.indexOf(`${basename(root)}/`) + basename(root).length + 1);

const empty = (): LoadedObjects => ({ objects: [], locations: new Map(), errors: [], warnings: [], files: [] });

const DEPLOYMENT = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
`;

let dir: string;
let meta: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-nonk8s-'));
  // A directory with Chart.yaml is a chart (rendered with helm: helm-charts.test.ts); a Chart.yaml named on its own is metadata.
  meta = await mkdtemp(join(tmpdir(), 'palisade-nonk8s-meta-'));
  await mkdir(join(dir, 'workflows'));
  await writeFile(join(meta, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 1.2.3\ndescription: a chart\n');
  await writeFile(join(dir, 'values.yaml'), 'replicaCount: 2\nimage:\n  repository: nginx\n');
  await writeFile(join(dir, 'app-config.yaml'), 'server:\n  port: 8080\nlogging: {level: info}\n');
  await writeFile(join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
  await writeFile(join(dir, 'workflows', 'ci.yml'), 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
  await writeFile(join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [ns.yaml]\n');
  await writeFile(join(dir, 'renovate.json'), '{"extends": ["config:base"]}\n');
  await writeFile(join(dir, 'ns.yaml'), DEPLOYMENT);
});

describe('non-Kubernetes YAML under --from', () => {
  it('is listed as skipped (stderr, JSON skipped, table), not an error; the scan is complete', async () => {
    const args = ['--from', join(meta, 'Chart.yaml'), '--from', dir];
    const r = await runCli(['scan', ...args, '--format', 'json']);
    const result = parseResult(r.stdout);
    expect(result.errors).toEqual([]);
    expect(result.incomplete).toBe(false);
    expect(r.code).toBe(EXIT.ok);
    const skipped = (result as unknown as { skipped: { source: string; reason: string; message: string }[] }).skipped;
    expect(skipped.map((s) => [s.source.endsWith('/Chart.yaml') ? 'Chart.yaml' : inside(dir, s.source), s.reason])).toEqual([
      ['Chart.yaml', 'not-kubernetes'],
      ['app-config.yaml', 'not-kubernetes'],
      ['docker-compose.yml', 'not-kubernetes'],
      ['kustomization.yaml', 'not-kubernetes'],
      ['renovate.json', 'not-kubernetes'],
      ['values.yaml', 'not-kubernetes'],
      ['workflows/ci.yml', 'not-kubernetes'],
    ]);
    const message = (f: string): string => skipped.find((s) => s.source.endsWith(f))?.message ?? '';
    expect(message('Chart.yaml')).toMatch(/skipped: Helm chart metadata \(Chart\.yaml\), not a Kubernetes manifest .*helm on PATH \(or --helm-bin\)/);
    expect(message('values.yaml')).toContain('skipped: Helm values, not a Kubernetes manifest');
    expect(message('docker-compose.yml')).toContain('skipped: a Compose file');
    expect(message('ci.yml')).toContain('skipped: a GitHub Actions workflow');
    expect(message('kustomization.yaml')).toContain('skipped: kustomize configuration (Kustomization), not a Kubernetes manifest (no document has apiVersion, kind and metadata); scan `kustomize build` output');
    expect(message('app-config.yaml')).toContain('skipped: YAML/JSON data');
    expect(r.stderr.split('\n').filter((l) => l.includes('skipped:'))).toHaveLength(7);
    expect(result.summary.objects.total).toBe(1);

    const table = await runCli(['scan', ...args], { env: { COLUMNS: '200' } });
    expect(table.stdout).toContain('7 file(s) skipped, not Kubernetes manifests (not an error):');
    expect(table.stdout).toMatch(/Chart\.yaml: skipped: Helm chart metadata \(Chart\.yaml\); scan the chart directory/);
    expect(table.stdout).not.toContain('input error');
  });

  it('a malformed Kubernetes document is still an error, also next to non-Kubernetes files', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'palisade-nonk8s-bad-'));
    await writeFile(join(bad, 'values.yaml'), 'replicaCount: 2\n');
    await writeFile(join(bad, 'pod.yaml'), 'apiVersion: v1\nmetadata: {name: no-kind}\n---\nreplicas: 3\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    await writeFile(join(bad, 'only-apiversion.yaml'), 'apiVersion: apps/v1\nspec: {replicas: 1}\n');
    const r = await runCli(['scan', '--from', bad, '--format', 'json']);
    const result = parseResult(r.stdout);
    expect(r.code).toBe(EXIT.incomplete);
    expect(result.errors.map((e) => inside(bad, e.message))).toEqual([
      'only-apiversion.yaml:1: skipped document: missing kind, metadata',
      'pod.yaml:1: skipped document: missing kind',
      // in a file with Kubernetes documents, a document without apiVersion/kind is malformed
      'pod.yaml:4: skipped document: missing apiVersion, kind, metadata',
    ]);
    expect((result as unknown as { skipped: { source: string }[] }).skipped.map((s) => inside(bad, s.source))).toEqual(['values.yaml']);
  });
});

describe('parseManifestText: the per-file rule', () => {
  it('errors keep document order when malformed documents of both shapes are mixed', () => {
    const out = empty();
    parseManifestText('- a list\n---\nkind: Pod\n---\nfoo: bar\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n', 'm.yaml', out);
    expect(out.objects.map((o) => o.metadata.name)).toEqual(['ok']);
    expect(out.errors.map((e) => e.line)).toEqual([1, 3, 5]);
    expect(out.skipped).toBeUndefined();
  });

  it('a file of non-Kubernetes documents is one skipped entry at its first document', () => {
    const out = empty();
    parseManifestText('# comment\na: 1\n---\nb: 2\n', 'app.yaml', out);
    expect(out.errors).toEqual([]);
    expect(out.skipped).toEqual([{ source: 'app.yaml', line: 2, reason: 'not-kubernetes', message: 'app.yaml: skipped: YAML/JSON data, not a Kubernetes manifest (no document has apiVersion, kind and metadata)' }]);
  });

  it('a YAML syntax error keeps the file an error, whatever the other documents are', () => {
    const out = empty();
    parseManifestText('a: 1\n---\nb: [2\n', 'broken.yaml', out);
    expect(out.skipped).toBeUndefined();
    expect(out.errors.map((e) => e.reason)).toEqual(['invalid-object', 'parse']);
  });
});
