/**
 * Live `--namespace` scans list some kinds only in the selected namespaces
 * (src/engine/namespace-limits.ts, src/inventory/live.ts). Here: which kinds are namespace-only,
 * that the `context: 'namespace'` marker is true of the demo cluster (a marked rule judges a
 * namespace's objects the same with only that namespace listed), that unmarked rules become
 * `unknown` on a limited kind, and the bookkeeping (snapshot file, scope, selection, table, incomplete).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { defaultConfig, type PalisadeConfig } from '../../src/config/types.js';
import { CROSS_NAMESPACE_READS, describeLimits, kindsRead, listableNamespaces, namespaceOnlyKinds, withNamespaceLimits } from '../../src/engine/namespace-limits.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { applySelection, liveNamespaceScope, selectionOf } from '../../src/cli/selection.js';
import { loadManifests } from '../../src/inventory/files.js';
import { LIVE_KINDS } from '../../src/inventory/live/kinds.js';
import { readSnapshotFile, writeSnapshotFile } from '../../src/inventory/snapshot-file.js';
import { Snapshot, type NamespaceLimit } from '../../src/inventory/snapshot.js';
import { CLUSTER_SCOPED_KINDS, refString, type K8sObject } from '../../src/model/k8s.js';
import type { RuleResult } from '../../src/model/result.js';
import { formatByName } from '../../src/report/formats.js';
import { RULES } from '../../src/rules/index.js';

const ROOT = join(import.meta.dirname, '../..');
const NOW = new Date('2026-11-22T00:00:00Z');
const NAMESPACE_ONLY = ['HorizontalPodAutoscaler', 'LimitRange', 'PodDisruptionBudget', 'ResourceQuota'];

function limited(objects: K8sObject[], namespaceLimits: NamespaceLimit[], mode: 'live' | 'offline' = 'live', version = 'v1.36.3'): Snapshot {
  return new Snapshot({
    objects,
    source: 'test',
    mode,
    namespaceLimits,
    ...(version ? { cluster: { version } } : {}),
    ...(mode === 'live' ? { listedKinds: LIVE_KINDS.map((k) => k.kind) } : {}),
  });
}

const POD: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
} as K8sObject;

describe('the kind split', () => {
  it('namespace-only kinds are those every reader of which is marked context: namespace', () => {
    const only = namespaceOnlyKinds(RULES, LIVE_KINDS.map((k) => k.kind));
    expect([...only].sort()).toEqual(NAMESPACE_ONLY);
    for (const kind of only) {
      expect(CLUSTER_SCOPED_KINDS.has(kind)).toBe(false);
      expect(CROSS_NAMESPACE_READS).not.toContain(kind);
      const readers = RULES.filter((r) => [...r.meta.targets, ...(r.meta.requires ?? [])].includes(kind));
      expect(readers.length, kind).toBeGreaterThan(0);
      expect(readers.filter((r) => r.meta.context !== 'namespace').map((r) => r.meta.id), kind).toEqual([]);
    }
    // Kinds rules read across namespaces stay cluster-wide.
    for (const kind of ['Pod', 'NetworkPolicy', 'RoleBinding', 'ServiceAccount', 'ConfigMap', 'Ingress', 'PersistentVolumeClaim', 'Service']) expect(only.has(kind), kind).toBe(false);
  });

  it('an unmarked custom rule reading a namespace-only kind keeps it cluster-wide', () => {
    const custom = defineRule({
      meta: { id: 'custom/quota', title: 't', description: 'd', remediation: 'r', severity: 'low', category: 'security', references: [], targets: ['ResourceQuota'], scope: 'object', messages: {} },
      check: () => {},
    });
    expect(namespaceOnlyKinds([...RULES, custom], LIVE_KINDS.map((k) => k.kind)).has('ResourceQuota')).toBe(false);
    // An unmarked rule is taken to read the kinds analyses read across namespaces as well.
    expect(kindsRead(custom)).toEqual(expect.arrayContaining(['ResourceQuota', 'Pod', 'RoleBinding']));
  });

  it('lists per namespace only for literal --namespace names', async () => {
    const config = (include: string[], exclude: string[] = []): Pick<PalisadeConfig, 'namespaces'> => ({ namespaces: { include, exclude } });
    expect(listableNamespaces(config(['b', 'a', 'a']))).toEqual(['a', 'b']);
    expect(listableNamespaces(config(['team-*']))).toBeUndefined();
    expect(listableNamespaces(config([], ['kube-*']))).toBeUndefined();
    expect(listableNamespaces(config(['kube-system', 'shop'], ['kube-*']))).toEqual(['shop']);
    expect(listableNamespaces({})).toBeUndefined();
    const c = defaultConfig();
    await applySelection(c, ['shop'], [], []);
    const scope = await liveNamespaceScope(c);
    expect(scope?.namespaces).toEqual(['shop']);
    expect([...(scope?.namespaceOnly ?? [])].sort()).toEqual(NAMESPACE_ONLY);
    expect(await liveNamespaceScope(defaultConfig())).toBeUndefined();
  });
});

describe('the context marker holds on the demo cluster', () => {
  let objects: K8sObject[];
  let config: PalisadeConfig;
  beforeAll(async () => {
    config = await loadConfigFile(join(ROOT, 'examples', 'demo-cluster.palisade.yaml'));
    const loaded = await loadManifests([join(ROOT, 'examples', 'demo-cluster')]);
    expect(loaded.errors).toEqual([]);
    objects = loaded.objects;
  });

  it("every rule marked context: namespace judges a namespace's objects the same when only that namespace is listed", () => {
    const marked = RULES.filter((r) => r.meta.context === 'namespace');
    expect(marked.length).toBeGreaterThan(50);
    const key = (r: RuleResult): string => `${r.rule} ${refString(r.object)} ${r.status} ${r.message}`;
    const namespaces = [...new Set(objects.flatMap((o) => (o.metadata.namespace !== undefined && !CLUSTER_SCOPED_KINDS.has(o.kind) ? [o.metadata.namespace] : [])))].sort();
    expect(namespaces.length).toBeGreaterThan(3);
    for (const ns of namespaces) {
      const selected: PalisadeConfig = { ...config, namespaces: { include: [ns], exclude: [] } };
      // As live: the server version is known (/version), so no rule looks for it in kube-system.
      const full = scanSnapshot(new Snapshot({ objects, source: 'demo', mode: 'offline', cluster: { version: 'v1.36.3' } }), { config: selected, rules: marked, now: NOW }).result;
      const own = objects.filter((o) => CLUSTER_SCOPED_KINDS.has(o.kind) || o.metadata.namespace === undefined || o.metadata.namespace === ns);
      const limits = [...new Set(objects.filter((o) => !CLUSTER_SCOPED_KINDS.has(o.kind) && o.metadata.namespace !== undefined).map((o) => o.kind))].map((kind) => ({ kind, namespaces: [ns], reason: 'forbidden' as const }));
      const narrow = scanSnapshot(limited(own, limits, 'offline'), { config: selected, rules: marked, now: NOW }).result;
      const inNs = (r: RuleResult): boolean => r.object.namespace === ns || (r.object.kind === 'Namespace' && r.object.name === ns);
      expect([...narrow.results].filter(inNs).map(key).sort(), ns).toEqual([...full.results].filter(inNs).map(key).sort());
    }
  });
});

describe('rules that may need other namespaces are unknown', () => {
  it('an unmarked rule reading a limited kind reports unknown naming the limit; marked rules are judged', () => {
    const limits: NamespaceLimit[] = [{ kind: 'Pod', namespaces: ['shop'], reason: 'forbidden' }];
    const snap = limited([POD, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }], limits);
    const config = defaultConfig();
    config.namespaces = { include: ['shop'], exclude: [] };
    const { result } = scanSnapshot(snap, { config, rules: RULES, now: NOW });
    const of = (rule: string): RuleResult | undefined => [...result.results].find((r) => r.rule === rule && r.object.name === 'web');
    expect(of('pss/privileged')?.status).toBe('fail');
    const coverage = of('network/workload-policy-coverage');
    expect(coverage?.status).toBe('unknown');
    expect(coverage?.message).toBe('Not evaluated: this rule reads objects across namespaces, and listed only in namespace shop: Pod (cluster-wide LIST forbidden)');
    // No unmarked rule passes or fails on the pod.
    const unmarked = [...result.results].filter((r) => r.object.name === 'web' && RULES.find((x) => x.meta.id === r.rule)?.meta.context !== 'namespace');
    expect(unmarked.length).toBeGreaterThan(0);
    expect(unmarked.filter((r) => r.status !== 'unknown').map((r) => r.rule)).toEqual([]);
    // A forbidden fallback is a permission gap: incomplete.
    expect(result.incomplete).toBe(true);
  });

  it('without a server version, versions/* rules are unknown when kube-system Pods were not listed', () => {
    const limits: NamespaceLimit[] = [{ kind: 'Pod', namespaces: ['shop'], reason: 'forbidden' }];
    const versions = RULES.filter((r) => r.meta.id.startsWith('versions/') && r.meta.context === 'namespace');
    expect(versions.length).toBeGreaterThan(0);
    expect(withNamespaceLimits(versions, limited([], limits))).toEqual(versions);
    const without = withNamespaceLimits(versions, limited([], limits, 'live', ''));
    expect(without.every((r, i) => r !== versions[i])).toBe(true);
    expect(withNamespaceLimits(versions, limited([], [{ kind: 'Pod', namespaces: ['kube-system', 'shop'], reason: 'forbidden' }], 'live', ''))).toEqual(versions);
  });

  it('selection limits leave unaffected rules as they are and the scan complete', () => {
    const rules = withNamespaceLimits(RULES, { cluster: {}, namespaceLimits: [{ kind: 'ResourceQuota', namespaces: ['shop'], reason: 'selection' }] });
    const changed = RULES.filter((r, i) => rules[i] !== r).map((r) => r.meta.id);
    // Only unmarked rules that read ResourceQuota would change: none in the registry.
    expect(changed).toEqual([]);
    expect(withNamespaceLimits(RULES, { cluster: {}, namespaceLimits: [] })).toBe(RULES);
    const snap = limited([POD], [{ kind: 'ResourceQuota', namespaces: ['shop'], reason: 'selection' }]);
    expect(scanSnapshot(snap, { config: defaultConfig(), rules: RULES.filter((r) => r.meta.id.startsWith('pss/')), now: NOW }).result.incomplete).toBe(false);
  });

  it('a custom rule on a limited kind is unknown', () => {
    const custom: Rule = defineRule({
      meta: { id: 'custom/pods', title: 't', description: 'd', remediation: 'r', severity: 'low', category: 'security', references: [], targets: ['Pod'], scope: 'object', messages: {} },
      check: () => {},
    });
    expect(scanSnapshot(limited([POD], []), { config: defaultConfig(), rules: [custom], now: NOW }).result.results.statusOf(0)).toBe('pass');
    const limitedResult = scanSnapshot(limited([POD], [{ kind: 'Pod', namespaces: ['a', 'b'], reason: 'forbidden' }]), { config: defaultConfig(), rules: [custom], now: NOW }).result;
    expect([...limitedResult.results].map((r) => [r.status, r.message])).toEqual([['unknown', 'Not evaluated: this rule reads objects across namespaces, and listed only in namespaces a, b: Pod (cluster-wide LIST forbidden)']]);
  });
});

describe('bookkeeping', () => {
  const limits: NamespaceLimit[] = [
    { kind: 'Deployment', namespaces: ['shop'], reason: 'forbidden' },
    { kind: 'ResourceQuota', namespaces: ['shop'], reason: 'selection' },
  ];

  it('describes limits per namespace set', () => {
    expect(describeLimits(limits)).toEqual(['listed only in namespace shop: Deployment (cluster-wide LIST forbidden), ResourceQuota']);
    expect(describeLimits([{ kind: 'Pod', namespaces: ['a', 'b'], reason: 'selection' }])).toEqual(['listed only in namespaces a, b: Pod']);
  });

  it('a snapshot file keeps the limits, and so do scan inputs', async () => {
    const snap = limited([POD], limits);
    const file = join(await mkdtemp(join(tmpdir(), 'palisade-limits-')), 'snap.json');
    await writeSnapshotFile(snap, file);
    const back = await readSnapshotFile(file);
    expect(back.namespaceLimits).toEqual(limits);
    expect(snap.withScanInputs({ targetVersion: 'v1.35' }).namespaceLimits).toEqual(limits);
    expect(new Snapshot({ objects: [POD], source: 't', mode: 'offline' }).namespaceLimits).toEqual([]);
  });

  it('source.selection carries the limits; the table says what was listed per namespace', () => {
    const config = defaultConfig();
    config.namespaces = { include: ['shop'], exclude: [] };
    const snap = limited([POD], limits);
    const selection = selectionOf(config, snap, []);
    expect(selection?.namespaceLimits).toEqual(limits);
    // A replayed snapshot without --namespace still says so.
    expect(selectionOf(defaultConfig(), snap, [])?.namespaceLimits).toEqual(limits);
    expect(selectionOf(defaultConfig(), limited([POD], []), [])).toBeUndefined();
    const { result } = scanSnapshot(snap, { config, rules: RULES.filter((r) => r.meta.id === 'pss/privileged'), now: NOW });
    result.source.selection = selection!;
    const table = [...(formatByName('table')!.render(result, { color: false, width: 200 }) as Iterable<string>)].join('');
    expect(table).toContain('Live: listed only in namespace shop: Deployment (cluster-wide LIST forbidden), ResourceQuota; rules that read these kinds across namespaces are unknown');
    expect(table).toContain('Selection: namespaces shop; score and coverage cover the selection only');
    // The Markdown summary and the HTML report say the same (escaped for each).
    const md = [...(formatByName('md')!.render(result, { color: false }) as Iterable<string>)].join('');
    expect(md).toContain('> Selection: namespaces shop; score and coverage cover the selection only');
    expect(md).toContain('> Live: listed only in namespace shop: Deployment \\(cluster-wide LIST forbidden\\), ResourceQuota; rules that read these kinds across namespaces are unknown');
    const html = [...(formatByName('html')!.render(result, { color: false }) as Iterable<string>)].join('');
    expect(html).toContain('<p class="note" data-selection>Selection: namespaces shop; score and coverage cover the selection only</p>');
    expect(html).toContain('<p class="note" data-namespace-limit>Live: listed only in namespace shop: Deployment (cluster-wide LIST forbidden), ResourceQuota; rules that read these kinds across namespaces are unknown</p>');
    // Without a selection, none of them has the lines.
    delete result.source.selection;
    for (const f of ['table', 'md', 'html']) {
      expect([...(formatByName(f)!.render(result, { color: false, width: 200 }) as Iterable<string>)].join('')).not.toMatch(/Selection: |Live: listed only/);
    }
  });
});
