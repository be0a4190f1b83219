import { describe, expect, it } from 'vitest';
import { parseManifestText, type LoadedObjects } from '../../src/inventory/files.js';

const empty = (): LoadedObjects => ({ objects: [], locations: new Map(), errors: [], warnings: [], files: [] });

describe('manifest loader: JSON fast path', () => {
  it('reads a JSON List (kubectl get -o json) and locates its objects at the file', () => {
    const out = empty();
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', managedFields: [{}] }, spec: { containers: [] } },
      ],
    };
    parseManifestText(JSON.stringify(list), 'dump.json', out);
    expect(out.errors).toEqual([]);
    expect(out.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/a', 'Pod/p']);
    expect(out.objects[1]?.metadata).not.toHaveProperty('managedFields');
    expect(out.locations.get(out.objects[1]!)).toEqual({ file: 'dump.json', line: 1 });
  });

  it('reports malformed JSON with file and line (through the YAML parser), and reads nothing from it', () => {
    const out = empty();
    parseManifestText('{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "x",\n}', 'bad.json', out);
    expect(out.objects).toEqual([]);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]?.message).toMatch(/^bad\.json:\d+: /);
  });

  it('still reads YAML documents that begin with a flow mapping', () => {
    const out = empty();
    parseManifestText('{apiVersion: v1, kind: Namespace, metadata: {name: b}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n', 'ns.yaml', out);
    expect(out.errors).toEqual([]);
    expect(out.objects.map((o) => o.metadata.name)).toEqual(['b', 'c']);
  });
});

describe('manifest loader: YAML documents', () => {
  it('locates each document at its first content line, past comments and markers', () => {
    const out = empty();
    const text = '# header\n---\n# a comment\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n...\n';
    parseManifestText(text, 'ns.yaml', out);
    expect(out.errors).toEqual([]);
    expect(out.objects.map((o) => [o.metadata.name, out.locations.get(o)?.line])).toEqual([['a', 4], ['b', 9]]);
  });

  it('a broken document is reported at its line in the file; the documents around it are read', () => {
    const out = empty();
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: [b\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n';
    parseManifestText(text, 'ns.yaml', out);
    expect(out.objects.map((o) => o.metadata.name)).toEqual(['a', 'c']);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]?.message).toMatch(/^ns\.yaml:(7|8): /);
  });

  it('keeps YAML 1.2 core scalars: unquoted dates stay strings, yes/no stay strings', () => {
    const out = empty();
    parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {when: 2026-01-01, ok: yes}}\n', 'c.yaml', out);
    expect(out.objects[0]?.metadata.annotations).toEqual({ when: '2026-01-01', ok: 'yes' });
  });

  it('streams with directives or content on the --- line go through the full parser', () => {
    const out = empty();
    parseManifestText('%YAML 1.2\n--- {apiVersion: v1, kind: Namespace, metadata: {name: d}}\n', 'd.yaml', out);
    expect(out.errors).toEqual([]);
    expect(out.objects.map((o) => o.metadata.name)).toEqual(['d']);
  });
});

describe('manifest loader: JSON duplicate keys and limits', () => {
  it('hasDuplicateKeys looks per object, past escaped quotes, and not across list items or nesting levels', async () => {
    const { hasDuplicateKeys } = await import('../../src/inventory/files.js');
    expect(hasDuplicateKeys('{"a": 1, "a": 2}')).toBe(true);
    expect(hasDuplicateKeys('{"a": "x\\", \\"a\\": ", "b": {"a": 1, "c": {"a": 2}}}')).toBe(false);
    expect(hasDuplicateKeys('[{"a": 1}, {"a": 2}]')).toBe(false);
    expect(hasDuplicateKeys('{"m": {"k": 1, "k" : 2}}')).toBe(true);
    expect(hasDuplicateKeys('{"v": ["a", "a"]}')).toBe(false);
  });

  it('a document over maxObjectBytes is one error at its line; the documents around it are read', () => {
    const out = { ...empty(), limits: { maxObjectBytes: 2048 } };
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: "${'x'.repeat(4096)}"}`;
    parseManifestText(`apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n${big}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n`, 'm.yaml', out);
    expect(out.objects.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(out.errors.map((e) => e.message)).toEqual([
      "m.yaml:5: skipped document: 4.1 KiB is over the object size limit of 2 KiB; raise it with --max-object-size or limits.maxObjectBytes",
    ]);
  });
});

describe('manifest loader: a key named __proto__', () => {
  // The API server drops the unknown field; a scanner that turned it into a prototype would see
  // runAsNonRoot: true on a container that runs as root.
  const yaml = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: sneaky, namespace: a}',
    'spec:',
    '  containers:',
    '  - name: c',
    '    image: nginx',
    '    securityContext:',
    '      __proto__: {runAsNonRoot: true, allowPrivilegeEscalation: false}',
    '',
  ].join('\n');

  it.each([
    ['YAML', 'pod.yaml', yaml],
    ['JSON', 'pod.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sneaky', namespace: 'a' }, spec: { containers: [{ name: 'c', image: 'nginx', securityContext: JSON.parse('{"__proto__": {"runAsNonRoot": true}}') as unknown }] } })],
  ])('%s: stays an own field of its record, never its prototype, and the PSS checks fail the container', async (_, file, text) => {
    const out = empty();
    parseManifestText(text, file, out);
    expect(out.errors).toEqual([]);
    const container = (out.objects[0]!['spec'] as { containers: Record<string, unknown>[] }).containers[0]!;
    const sc = container['securityContext'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(sc)).toBe(Object.prototype);
    expect(Object.keys(sc)).toEqual(['__proto__']);
    expect(sc['runAsNonRoot']).toBeUndefined();
    const { Snapshot } = await import('../../src/inventory/snapshot.js');
    const { runRules } = await import('../../src/engine/runner.js');
    const { defaultConfig } = await import('../../src/config/types.js');
    const { ruleById } = await import('../../src/rules/index.js');
    const rules = ['pss/run-as-non-root', 'pss/allow-privilege-escalation'].map((id) => ruleById(id)!);
    const snapshot = new Snapshot({ objects: out.objects, source: 't', mode: 'offline' });
    const results = runRules(snapshot, rules, { config: defaultConfig() }).results;
    expect(results.map((r) => `${r.rule} ${r.status}`).sort()).toEqual(['pss/allow-privilege-escalation fail', 'pss/run-as-non-root fail']);
  });
});
