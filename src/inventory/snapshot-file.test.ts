import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { readSnapshotFile, snapshotJsonChunks, SnapshotFileError, toSnapshotDocument, writeSnapshotFile } from './snapshot-file.js';
import { gunzipSync } from 'node:zlib';
import { Snapshot } from './snapshot.js';

const objects = yamlObjects(`
apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {team: x}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a, uid: u1}
spec: {containers: [{name: c, image: nginx:1.27}]}
`);

describe('snapshot files', () => {
  it('round-trip everything a scan depends on (plain and gzip)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-snap-'));
    const original = new Snapshot({
      objects,
      source: 'https://10.0.0.1:6443',
      mode: 'live',
      takenAt: '2026-11-01T10:00:00.000Z',
      cluster: { name: 'prod', version: 'v1.36.3' },
      gaps: [{ kind: 'DaemonSet', reason: 'forbidden', code: 'forbidden' }],
      errors: [{ source: 'apps/v1 daemonsets', message: 'forbidden', reason: 'forbidden' }],
      listedKinds: ['Namespace', 'Pod'],
      locations: new Map([[objects[1]!, { file: 'pods.yaml', line: 5 }]]),
    });
    for (const name of ['s.json', 's.json.gz']) {
      const path = join(dir, name);
      await writeSnapshotFile(original, path);
      const bytes = await readFile(path);
      expect(bytes[0] === 0x1f && bytes[1] === 0x8b, name).toBe(name.endsWith('.gz'));
      const back = await readSnapshotFile(path);
      expect(back.objects).toEqual(original.objects);
      expect(back.mode).toBe('live'); // rules judge a replay like the original
      expect(back.source).toBe(`${path} (live https://10.0.0.1:6443)`);
      expect(back.takenAt).toBe(original.takenAt);
      expect(back.cluster).toEqual({ name: 'prod', version: 'v1.36.3' });
      expect(back.gaps).toEqual(original.gaps);
      expect(back.gapFor('DaemonSet')?.code).toBe('forbidden');
      expect(back.errors).toEqual(original.errors);
      expect(back.listedKinds).toEqual(['Namespace', 'Pod']);
      expect(back.locationOf(back.get('Pod', 'p', 'a')!)).toEqual({ file: 'pods.yaml', line: 5 });
      expect(back.locationOf(back.namespace('a')!)).toBeUndefined();
      expect(back.byUid('u1')?.metadata.name).toBe('p'); // indexes are rebuilt
    }
  });

  it('reject a file whose locations do not line up with its objects', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-snap-'));
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ apiVersion: 'palisade.dev/v1alpha1', kind: 'Snapshot', mode: 'offline', takenAt: '2026-01-01T00:00:00Z', source: 's', objects, locations: [null] }));
    await expect(readSnapshotFile(path)).rejects.toThrow(SnapshotFileError);
    await expect(readSnapshotFile(path)).rejects.toThrow('"locations" must be a list as long as "objects"');
  });

  it('are written in pieces whose text is exactly JSON.stringify of the document', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${i}`, namespace: 'a', annotations: { note: 'x'.repeat(1000) } },
    }));
    const snap = new Snapshot({ objects: many, source: 's', mode: 'live', listedKinds: ['ConfigMap'], takenAt: '2026-11-01T10:00:00.000Z' });
    const expected = JSON.stringify(toSnapshotDocument(snap));
    const pieces = [...snapshotJsonChunks(toSnapshotDocument(snap))];
    expect(pieces.length).toBeGreaterThan(2); // > 3 MB of objects: several pieces, none the whole
    expect(pieces.join('')).toBe(expected);
    const dir = await mkdtemp(join(tmpdir(), 'palisade-snap-'));
    await writeSnapshotFile(snap, join(dir, 'big.json.gz'));
    expect(gunzipSync(await readFile(join(dir, 'big.json.gz'))).toString('utf8')).toBe(expected);
    await writeSnapshotFile(snap, join(dir, 'big.json'));
    expect(await readFile(join(dir, 'big.json'), 'utf8')).toBe(expected);
  });
});
