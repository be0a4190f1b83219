/**
 * The VAP differential's policy set evaluated offline (no API server): every policy compiles and
 * runs without error or unknown on the generated objects, and the set discriminates (most policies
 * deny something, and many objects pass). The comparison with the real admission plugin is
 * test/integration/vap-differential.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { runRules } from '../../src/engine/runner.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { K8sObject } from '../../src/model/k8s.js';
import { vapRules } from '../../src/policy/vap.js';
import { generate, NAMESPACES, PARAMS, policyObjects, POLICIES, VAP_DIFF_COUNT, VAP_DIFF_SEED } from '../helpers/vap-cases.ts';

describe('the VAP differential policy set, offline', () => {
  const namespaces: K8sObject[] = Object.entries(NAMESPACES).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  const vap = POLICIES.flatMap((p) => {
    const { policy, bindings } = policyObjects(p);
    return [policy, ...bindings];
  });
  const objects = generate(VAP_DIFF_SEED, VAP_DIFF_COUNT);
  const snapshot = new Snapshot({ objects: [...namespaces, ...PARAMS, ...vap, ...objects], source: 'vap-cases', mode: 'offline' });
  const results = runRules(snapshot, vapRules(snapshot), { config: defaultConfig(), now: new Date('2026-06-01T00:00:00Z') }).results;

  it('has at least 30 policies and 1,000 objects', () => {
    expect(POLICIES.length).toBeGreaterThanOrEqual(30);
    expect(objects.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).size).toBe(objects.length);
  });

  it('evaluates every policy without error or unknown', () => {
    expect(results.filter((r) => r.status === 'error' || r.status === 'unknown').map((r) => `${r.rule} ${r.object.name}: ${r.message}`).slice(0, 5)).toEqual([]);
  });

  it('discriminates: most policies deny something, and both verdicts are common', () => {
    const denying = new Set(results.filter((r) => r.evidence.some((e) => e.actual === 'deny')).map((r) => r.rule));
    const policiesThatNeverDeny = ['param-missing-allow', 'param-missing-ignore', 'replicas-warn', 'request-fields'];
    expect(POLICIES.map((p) => `vap/vapd-${p.name}`).filter((id) => !denying.has(id) && !policiesThatNeverDeny.some((n) => id.endsWith(n)))).toEqual([]);
    for (const n of policiesThatNeverDeny) expect(denying.has(`vap/vapd-${n}`), n).toBe(false);
    const deniedObjects = new Set(results.filter((r) => r.evidence.some((e) => e.actual === 'deny')).map((r) => `${r.object.kind}/${r.object.namespace ?? ''}/${r.object.name}`));
    expect(deniedObjects.size).toBeGreaterThan(objects.length * 0.2);
    expect(objects.length - deniedObjects.size).toBeGreaterThan(objects.length * 0.2);
  });
});
