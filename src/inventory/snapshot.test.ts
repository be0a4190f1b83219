import { describe, expect, it } from 'vitest';
import { Admission, joinBatches, Snapshot, withoutNamespaces } from './snapshot.js';
import { runRules } from '../engine/runner.js';
import { defaultConfig } from '../config/types.js';
import { defineRule } from '../engine/rule.js';
import type { K8sObject } from '../model/k8s.js';

const ns: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };

const needsSecrets = defineRule({
  meta: {
    id: 'test/needs-secrets',
    title: 'A rule that reads Secrets',
    description: 'Used to check that a kind the live source never lists makes results unknown.',
    remediation: 'None; test only.',
    severity: 'high',
    category: 'security',
    references: [],
    targets: ['Namespace'],
    requires: ['Secret'],
    scope: 'namespace',
    messages: { found: 'found one' },
  },
  check(ctx) {
    if (ctx.snapshot.inNamespace(ctx.target.metadata.name, 'Secret').length > 0) ctx.fail('found', {}, [{ path: 'x', actual: 1, expected: '0' }]);
  },
});

describe('Snapshot.gapFor', () => {
  it('offline: every kind counts as read (absent means none)', () => {
    const s = new Snapshot({ objects: [ns], source: 't', mode: 'offline' });
    expect(s.gapFor('Secret')).toBeUndefined();
  });

  it('live: a kind the inventory never listed is a gap, with the reason', () => {
    const s = new Snapshot({ objects: [ns], source: 't', mode: 'live', listedKinds: ['Namespace'] });
    expect(s.gapFor('Namespace')).toBeUndefined();
    expect(s.gapFor('Secret')).toMatchObject({ kind: 'Secret', code: 'not-listed', reason: 'Palisade never reads Secrets' });
    expect(s.gapFor('Cluster')).toBeUndefined();
  });

  it('a rule that requires an unlisted kind reports unknown live, never pass', () => {
    const live = new Snapshot({ objects: [ns], source: 't', mode: 'live', listedKinds: ['Namespace'] });
    const liveResults = runRules(live, [needsSecrets], { config: defaultConfig() }).results;
    expect(liveResults.map((r) => r.status)).toEqual(['unknown']);
    expect(liveResults.at(0).message).toContain('Palisade never reads Secrets');
    const offline = new Snapshot({ objects: [ns], source: 't', mode: 'offline' });
    expect(runRules(offline, [needsSecrets], { config: defaultConfig() }).results.map((r) => r.status)).toEqual(['pass']);
  });
});

describe('Admission (validation while objects are read)', () => {
  const pod = (name: string, namespace: string, extra: Record<string, unknown> = {}): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    ...extra,
  });
  const badPod = (name: string, namespace: string): K8sObject => pod(name, namespace, { spec: { containers: 'not a list' } });

  it('builds the same Snapshot as validating all objects at once: objects, order and errors', () => {
    const objects = [ns, pod('p1', 'a'), badPod('p2', 'a'), pod('p3', 'b'), { ...pod('p4', 'b'), status: null } as K8sObject];
    const admission = new Admission();
    admission.keep(admission.check(objects.slice(0, 2)));
    admission.keep(admission.check(objects.slice(2)));
    const checked = new Snapshot({ objects: admission, source: 't', mode: 'live' });
    const whole = new Snapshot({ objects, source: 't', mode: 'live' });
    expect(checked.objects).toEqual(whole.objects);
    expect(checked.objects.map((o) => o.metadata.name)).toEqual(['a', 'p1', 'p3', 'p4']);
    expect(checked.errors).toEqual(whole.errors);
    expect(checked.errors).toHaveLength(1);
    expect(checked.errors[0]).toMatchObject({ reason: 'invalid-object', source: 'Pod/a/p2' });
    expect(checked.errors[0]!.message).toContain('spec.containers');
    expect(checked.inNamespace('b', 'Pod').map((o) => o.metadata.name)).toEqual(['p3', 'p4']);
  });

  it('keeps nothing of a batch until it is kept: a listing that fails leaves no objects and no errors', () => {
    const admission = new Admission();
    const dropped = admission.check([pod('x', 'a'), badPod('y', 'a')]);
    expect(dropped.objects).toHaveLength(1);
    expect(dropped.rejected).toHaveLength(1);
    admission.keep(admission.check([ns]));
    const s = new Snapshot({ objects: admission, source: 't', mode: 'live', errors: [{ source: 'v1 pods', reason: 'forbidden', message: 'v1 pods: forbidden' }] });
    expect(s.objects).toEqual([ns]);
    expect(s.errors.map((e) => e.reason)).toEqual(['forbidden']);
  });

  it('drops the objects and errors of namespaces listed again in full, and joins batches in order', () => {
    const admission = new Admission();
    const all = admission.check([pod('m1', 'kube-system'), badPod('m2', 'kube-system'), pod('m3', 'a'), badPod('m4', 'a')]);
    const rest = withoutNamespaces(all, new Set(['kube-system']));
    expect(rest.objects.map((o) => o.metadata.name)).toEqual(['m3']);
    expect(rest.rejected.map((r) => r.error.source)).toEqual(['Pod/a/m4']);
    const joined = joinBatches([rest, admission.check([pod('f1', 'kube-system')])]);
    admission.keep(joined);
    expect(admission.size).toBe(2);
    expect(admission.ofKind('Pod').map((o) => o.metadata.name)).toEqual(['m3', 'f1']);
  });
});
