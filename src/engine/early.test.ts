import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../config/load.js';
import type { PalisadeConfig } from '../config/types.js';
import { loadManifests } from '../inventory/files.js';
import { Snapshot, type KindGap } from '../inventory/snapshot.js';
import type { K8sObject } from '../model/k8s.js';
import { RULES } from '../rules/index.js';
import { EarlyRun } from './early.js';
import { NotYetListed, partialView, type Assumption } from './partial.js';
import { runRules, type EarlyResults } from './runner.js';
import type { ResultStore } from '../findings/store.js';

const ROOT = join(import.meta.dirname, '..', '..');
let objects: readonly K8sObject[];
let config: PalisadeConfig;

beforeAll(async () => {
  const loaded = await loadManifests([join(ROOT, 'examples', 'demo-cluster')], ROOT);
  config = await loadConfigFile(join(ROOT, 'examples', 'demo-cluster.palisade.yaml'));
  // Validated once, so the partial and the full snapshot share object identities (as a live scan's do).
  objects = new Snapshot({ objects: loaded.objects, source: 'demo', mode: 'live' }).objects;
});

const kindsOf = (list: readonly K8sObject[]): string[] => [...new Set(list.map((o) => o.kind))].sort();

/** Every kind the rules read was listed (Secrets never are), as a live scan of the demo would say. */
function live(list: readonly K8sObject[], gaps: KindGap[] = []): Snapshot {
  const gapped = new Set(gaps.map((g) => g.kind));
  const read = RULES.flatMap((r) => [...r.meta.targets, ...(r.meta.requires ?? [])]);
  const listedKinds = [...new Set([...kindsOf(list), ...read])].filter((k) => k !== 'Secret' && !gapped.has(k));
  return new Snapshot({ objects: list.filter((o) => !gapped.has(o.kind)), source: 'demo', mode: 'live', gaps, listedKinds });
}

/** Every result in report order, as plain data. */
function rows(store: ResultStore): string[] {
  store.canonicalize();
  return [...store.sorted()].map((r) => JSON.stringify(r));
}

async function early(incomplete: ReadonlySet<string>): Promise<{ run: EarlyRun; results: EarlyResults }> {
  const run = new EarlyRun(RULES, config);
  await run.runAll(live(objects.filter((o) => !incomplete.has(o.kind))), incomplete);
  const results = await run.finish();
  if (!results) throw new Error(`early run failed: ${String(run.failure)}`);
  return { run, results };
}

describe('rules evaluated while the listing goes on', () => {
  it.each([
    [['Pod'], true],
    [['ReplicaSet', 'KubeletConfiguration'], true],
    [['NetworkPolicy', 'Service', 'Ingress'], true],
    // The tenant model reads RBAC: with bindings or roles still being listed nothing runs early.
    [['Pod', 'RoleBinding'], false],
    [['ClusterRole'], false],
  ])('with %j still being listed, the results equal a run after the listing (early: %s)', async (still, any) => {
    const incomplete = new Set(still);
    const { run, results } = await early(incomplete);
    if (any) expect(run.size).toBeGreaterThan(50);
    else expect(run.size).toBe(0);
    const full = live(objects);
    const withEarly = runRules(full, RULES, { config, early: results });
    const plain = runRules(full, RULES, { config, now: results.now });
    expect(rows(withEarly.results)).toEqual(rows(plain.results));
    expect(withEarly.results.length).toBeGreaterThan(1000);
  });

  it('a rule that reads a kind still being listed is left for after the listing (and found out without declaring it)', async () => {
    const { run, results } = await early(new Set(['Pod']));
    // references/service-selector targets Services and reads the Pods they select.
    expect([...results.units].some((u) => u.startsWith('references/service-selector\u0000'))).toBe(false);
    expect([...results.units].some((u) => u.startsWith('pss/privileged\u0000Deployment'))).toBe(true);
    expect([...results.units].some((u) => u.startsWith('pss/privileged\u0000Pod'))).toBe(false);
    expect(run.deferred).toBeGreaterThan(0);
  });

  it('a kind that turns out unreadable after rules ran early makes their results unknown, as in a plain run', async () => {
    const { results } = await early(new Set(['Pod']));
    const gapped = live(objects, [{ kind: 'Pod', code: 'forbidden', reason: 'forbidden: pods is forbidden' }]);
    const withEarly = runRules(gapped, RULES, { config, early: results });
    const plain = runRules(gapped, RULES, { config, now: results.now });
    expect(rows(withEarly.results)).toEqual(rows(plain.results));
    const privileged = [...withEarly.results].filter((r) => r.rule === 'pss/privileged');
    expect(privileged.length).toBeGreaterThan(0);
    expect(privileged.every((r) => r.status === 'unknown')).toBe(true);
  });

  it('stops at once when finished before it started, leaving everything to the run after the listing', async () => {
    const run = new EarlyRun(RULES, config);
    run.start(live(objects.filter((o) => o.kind !== 'Pod')), new Set(['Pod']));
    const results = (await run.finish())!;
    expect(results.units.size).toBe(0);
    const full = live(objects);
    expect(rows(runRules(full, RULES, { config, early: results }).results)).toEqual(rows(runRules(full, RULES, { config, now: results.now }).results));
  });
});

describe('partialView', () => {
  it('answers the namespace names once Namespaces are listed, on an assumption checked against the full snapshot', () => {
    const a: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };
    const podIn = (ns: string): K8sObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns } });
    const assumed: Assumption[] = [];
    const names = partialView(new Snapshot({ objects: [a], source: 't', mode: 'live' }), new Set(['Pod']), assumed).namespaceNames();
    expect(names).toEqual(['a']);
    expect(assumed).toHaveLength(1);
    expect(assumed[0]!.holds(new Snapshot({ objects: [a, podIn('a')], source: 't', mode: 'live' }))).toBe(true);
    // A namespace created while Pods were listed (its pods came, its Namespace did not).
    expect(assumed[0]!.holds(new Snapshot({ objects: [a, podIn('b')], source: 't', mode: 'live' }))).toBe(false);
    expect(() => partialView(new Snapshot({ objects: [], source: 't', mode: 'live' }), new Set(['Namespace'])).namespaceNames()).toThrow(NotYetListed);
  });

  it('results resting on an assumption the full snapshot contradicts are not used', async () => {
    const { results } = await early(new Set(['Pod']));
    expect(results.units.size).toBeGreaterThan(50);
    const stray: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'created-meanwhile' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const full = live([...objects, stray]);
    expect(results.holds(full)).toBe(false);
    expect(rows(runRules(full, RULES, { config, early: results }).results)).toEqual(rows(runRules(full, RULES, { config, now: results.now }).results));
  });

  const ns: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', uid: 'u-ns' } };
  const rs: K8sObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r', namespace: 'a', uid: 'u-rs', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u-d', controller: true }] } };
  const view = partialView(new Snapshot({ objects: [ns, rs], source: 't', mode: 'live', listedKinds: ['Namespace', 'ReplicaSet'] }), new Set(['Deployment', 'Pod']));

  it('answers reads of complete kinds as the snapshot does', () => {
    expect(view.ofKind('Namespace')).toHaveLength(1);
    expect(view.inNamespace('a', 'ReplicaSet')).toHaveLength(1);
    expect(view.namespace('a')?.metadata.uid).toBe('u-ns');
    expect(view.byUid('u-rs')?.kind).toBe('ReplicaSet');
    expect(view.gapFor('Namespace')).toBeUndefined();
    expect(view.gapFor('Secret')?.code).toBe('not-listed');
    expect(view.mode).toBe('live');
    expect(view instanceof Snapshot).toBe(true);
  });

  it('throws NotYetListed for kinds still being listed and for reads it cannot vouch for', () => {
    expect(() => view.ofKind('Pod')).toThrow(NotYetListed);
    expect(() => view.get('Deployment', 'd', 'a')).toThrow(NotYetListed);
    expect(() => view.controllerOf(rs)).toThrow(NotYetListed);
    expect(() => view.select('Pod', { matchLabels: { a: 'b' } })).toThrow(NotYetListed);
    expect(() => view.gapFor('Pod')).toThrow(NotYetListed);
    expect(() => view.inNamespace('a')).toThrow(NotYetListed);
    expect(() => view.byUid('u-unknown')).toThrow(NotYetListed);
    expect(() => view.objects).toThrow(NotYetListed);
    expect(() => view.ownedBy(ns)).toThrow(NotYetListed);
    expect(() => view.errors).toThrow(NotYetListed);
  });
});
