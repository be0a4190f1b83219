import { describe, expect, it } from 'vitest';
import { Snapshot } from './snapshot.js';
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
