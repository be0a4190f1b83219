import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { defaultConfig, type PalisadeConfig } from '../config/types.js';
import { Snapshot } from '../inventory/snapshot.js';
import type { RuleResult, Status } from '../model/result.js';
import { applyWaivers, isExpired, waiverExpiry } from './waivers.js';

const NOW = new Date('2026-06-01T00:00:00Z');

const objects = yamlObjects(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: legacy
  annotations:
    palisade.dev/waive: "pss/privileged, pss/host-*"
    palisade.dev/waive-reason: vendor agent needs the host
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin-ish}
`);
const snapshot = new Snapshot({ objects, source: 'test', mode: 'offline' });

function result(rule: string, kind: string, name: string, namespace?: string, status: Status = 'fail'): RuleResult {
  return {
    rule,
    status,
    severity: 'high',
    object: { apiVersion: 'v1', kind, name, ...(namespace ? { namespace } : {}) },
    message: 'm',
    evidence: [],
  };
}

function withConfig(edit: (c: PalisadeConfig) => void): PalisadeConfig {
  const c = defaultConfig();
  edit(c);
  return c;
}

describe('waiverExpiry / isExpired', () => {
  it('a bare date lasts through that day, UTC', () => {
    expect(waiverExpiry('2026-05-31')?.toISOString()).toBe('2026-05-31T23:59:59.999Z');
    expect(isExpired({ expires: '2026-05-31' }, new Date('2026-05-31T23:00:00Z'))).toBe(false);
    expect(isExpired({ expires: '2026-05-31' }, NOW)).toBe(true);
  });
  it('no expiry never expires; a date-time is exact', () => {
    expect(isExpired({}, NOW)).toBe(false);
    expect(isExpired({ expires: '2026-06-01T00:00:01Z' }, NOW)).toBe(false);
    expect(isExpired({ expires: '2026-05-31T23:59:59Z' }, NOW)).toBe(true);
  });
});

describe('config waivers', () => {
  const fails = [
    result('pss/privileged', 'Deployment', 'agent', 'legacy'),
    result('pss/privileged', 'Pod', 'web', 'shop'),
    result('rbac/wildcard-verbs', 'ClusterRole', 'admin-ish'),
    result('pss/privileged', 'Pod', 'ok', 'shop', 'pass'),
  ];

  it('waives matching fails by rule glob, namespace, name and kind, and records the waiver', () => {
    const config = withConfig((c) =>
      c.waivers.push({ rule: 'pss/*', namespace: 'leg*', kind: 'Deployment', name: 'agent', reason: 'vendor', approver: 'jane', ticket: 'SEC-1', expires: '2026-12-31' }),
    );
    const out = applyWaivers(fails, snapshot, config, NOW);
    expect(out.map((r) => r.status)).toEqual(['waived', 'fail', 'fail', 'pass']);
    expect(out[0]?.waiver).toEqual({
      rule: 'pss/*',
      namespace: 'leg*',
      kind: 'Deployment',
      name: 'agent',
      reason: 'vendor',
      approver: 'jane',
      ticket: 'SEC-1',
      expires: '2026-12-31',
      source: 'config',
    });
  });

  it('a waiver without namespace also covers cluster-scoped objects; a namespaced one does not', () => {
    const all = applyWaivers(fails, snapshot, withConfig((c) => c.waivers.push({ rule: 'rbac/*', reason: 'r' })), NOW);
    expect(all[2]?.status).toBe('waived');
    const scoped = applyWaivers(fails, snapshot, withConfig((c) => c.waivers.push({ rule: 'rbac/*', namespace: 'shop', reason: 'r' })), NOW);
    expect(scoped[2]?.status).toBe('fail');
  });

  it('never changes a pass, and an expired waiver does not apply', () => {
    const config = withConfig((c) => c.waivers.push({ rule: 'pss/privileged', reason: 'r', expires: '2026-05-01' }));
    expect(applyWaivers(fails, snapshot, config, NOW).map((r) => r.status)).toEqual(['fail', 'fail', 'fail', 'pass']);
  });
});

describe('annotation waivers', () => {
  const fails = [
    result('pss/privileged', 'Deployment', 'agent', 'legacy'),
    result('pss/host-network', 'Deployment', 'agent', 'legacy'),
    result('pss/capabilities', 'Deployment', 'agent', 'legacy'),
    result('pss/privileged', 'Pod', 'web', 'shop'),
  ];

  it('are ignored unless the config allows them', () => {
    expect(applyWaivers(fails, snapshot, defaultConfig(), NOW).every((r) => r.status === 'fail')).toBe(true);
  });

  it('waive the listed rules (IDs or globs) on the annotated object only', () => {
    const out = applyWaivers(fails, snapshot, withConfig((c) => (c.annotationWaivers = true)), NOW);
    expect(out.map((r) => r.status)).toEqual(['waived', 'waived', 'fail', 'fail']);
    expect(out[0]?.waiver).toEqual({
      rule: 'pss/privileged',
      reason: 'vendor agent needs the host',
      namespace: 'legacy',
      name: 'agent',
      kind: 'Deployment',
      source: 'annotation',
    });
  });

  it('a config waiver wins over an annotation for the same result', () => {
    const config = withConfig((c) => {
      c.annotationWaivers = true;
      c.waivers.push({ rule: 'pss/privileged', reason: 'from config' });
    });
    expect(applyWaivers(fails, snapshot, config, NOW)[0]?.waiver?.source).toBe('config');
  });
});
