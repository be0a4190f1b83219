import { describe, expect, it } from 'vitest';
import { classifyAdmission, ADMISSION_PROBES } from './admission.js';
import { identityOf, questionGroups, questionsFor, sarBody } from './questions.js';
import { budgetQuotas, DEFAULT_MAX_REVIEWS, probeRuleDescriptors } from './index.js';
import { probeSubjects } from './impersonation.js';
import type { Tenant } from '../analysis/tenants.js';

const acme: Tenant = { name: 'acme', namespaces: ['a1'], isolation: 'soft', subjects: [{ kind: 'User', name: 'alice', source: 'config' }] };
const globex: Tenant = { name: 'globex', namespaces: ['g1', 'g2'], isolation: 'soft', subjects: [] };

describe('access questions', () => {
  const qs = questionsFor(acme, [{ kind: 'User', name: 'alice' }], [acme, globex]);
  it('asks all eight verbs on cluster resources (not just get/update)', () => {
    const verbs = new Set(qs.filter((q) => q.check === 'cluster-resources' && q.query.resource === 'nodes').map((q) => q.query.verb));
    expect([...verbs].sort()).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
  });
  it('asks about every other tenant namespace, never its own', () => {
    const ns = new Set(qs.filter((q) => q.check === 'other-tenants').map((q) => q.query.namespace));
    expect([...ns].sort()).toEqual(['g1', 'g2']);
  });
  it('expects self-service to be allowed and the rest denied', () => {
    expect(qs.filter((q) => q.check === 'self-service').every((q) => q.expect === 'allow')).toBe(true);
    expect(qs.filter((q) => q.check !== 'self-service').every((q) => q.expect === 'deny')).toBe(true);
  });
  it('builds SubjectAccessReviews with the ServiceAccount identity and groups', () => {
    expect(identityOf({ kind: 'ServiceAccount', name: 'ci', namespace: 'g1' })).toEqual({
      user: 'system:serviceaccount:g1:ci',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:g1', 'system:authenticated'],
    });
    const body = sarBody({ check: 'other-tenants', subject: { kind: 'Group', name: 'devs' }, query: { verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'g1' }, expect: 'deny' }) as { spec: Record<string, unknown> };
    expect(body.spec['user']).toBeUndefined();
    expect(body.spec['groups']).toEqual(['devs', 'system:authenticated']);
    expect(body.spec['resourceAttributes']).toEqual({ verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'g1' });
  });
});

describe('admission outcome classification', () => {
  it('separates policy denials from RBAC refusals, impersonation and other errors', () => {
    expect(classifyAdmission(201, '').verdict).toBe('admitted');
    expect(classifyAdmission(403, 'pods "x" is forbidden: violates PodSecurity "baseline:latest": privileged').verdict).toBe('policy-denied');
    expect(classifyAdmission(422, 'ValidatingAdmissionPolicy \'no-host\' with binding \'b\' denied request').verdict).toBe('policy-denied');
    expect(classifyAdmission(400, 'admission webhook "validate.kyverno.svc" denied the request').verdict).toBe('policy-denied');
    expect(classifyAdmission(403, 'pods is forbidden: User "alice" cannot create resource "pods" in API group ""').verdict).toBe('rbac-denied');
    expect(classifyAdmission(403, 'users "alice" is forbidden: User "system:serviceaccount:p:p" cannot impersonate resource "users"').verdict).toBe('no-impersonation');
    expect(classifyAdmission(500, 'etcdserver: request timed out').verdict).toBe('error');
    expect(classifyAdmission(422, 'Pod "x" is invalid: spec.containers: Required value').verdict).toBe('error');
  });
  it('probe pods differ from a restricted pod only in the probed field', () => {
    const host = ADMISSION_PROBES.find((p) => p.id === 'host-pid')!.object('a1') as unknown as { spec: Record<string, unknown> };
    expect(host.spec['hostPID']).toBe(true);
    const priv = ADMISSION_PROBES.find((p) => p.id === 'privileged')!.object('a1') as unknown as { spec: { containers: { securityContext: Record<string, unknown> }[] } };
    expect(priv.spec.containers[0]!.securityContext).toMatchObject({ privileged: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
  });
  it('describes one probe rule per check with MTB references', () => {
    const ids = probeRuleDescriptors().map((d) => d.id);
    expect(ids).toContain('probes/other-tenants');
    expect(ids).toContain('probes/admission-node-port');
    expect(new Set(ids).size).toBe(ids.length);
    expect(probeRuleDescriptors().find((d) => d.id === 'probes/cluster-resources')!.references).toEqual([{ framework: 'MTB', id: 'MTB-PL1-CC-CPI-1' }]);
  });
});

describe('the SubjectAccessReview budget', () => {
  // 30 tenants of 3 namespaces, 5 subjects each: the cross-tenant questions alone are 30 × 5 × 87 × 56.
  const many: Tenant[] = Array.from({ length: 30 }, (_, i) => ({
    name: `t${i}`,
    namespaces: [`t${i}-a`, `t${i}-b`, `t${i}-c`],
    isolation: 'soft' as const,
    subjects: Array.from({ length: 5 }, (_, j) => ({ kind: 'User' as const, name: `u${i}-${j}`, source: 'config' as const })),
  }));
  const groups = many.flatMap((t) => questionGroups(t, t.subjects.map((s) => ({ kind: s.kind, name: s.name })), many));
  const sizes = groups.map((g) => g.size);
  const total = sizes.reduce((n, x) => n + x, 0);

  it('a large cluster has far more questions than the default budget; they are generated on demand, not stored', () => {
    expect(total).toBeGreaterThan(30 * DEFAULT_MAX_REVIEWS);
    // A group computes any question by index: the last cross-tenant one of the last tenant.
    const other = groups.filter((g) => g.check === 'other-tenants').at(-1)!;
    expect(other.at(other.size - 1)).toMatchObject({ check: 'other-tenants', subject: { name: 'u29-4' }, query: { verb: 'deletecollection', namespace: 't28-c' } });
  });

  it('the groups hold exactly the questions questionsFor builds', () => {
    const t = many[0]!;
    const subjects = t.subjects.map((s) => ({ kind: s.kind, name: s.name }));
    const built = questionsFor(t, subjects, many.slice(0, 3));
    const fromGroups = questionGroups(t, subjects, many.slice(0, 3)).flatMap((g) => Array.from({ length: g.size }, (_, k) => g.at(k)));
    expect(fromGroups).toEqual(built);
    expect(new Set(built.map((q) => JSON.stringify(q))).size).toBe(built.length);
  });

  it('under the budget every question is asked', () => {
    expect(budgetQuotas([3, 0, 10], 100)).toEqual([3, 0, 10]);
  });

  it('over it: exactly the budget, every group partly asked, small groups in full, big ones evenly, every subject reached', () => {
    const quotas = budgetQuotas(sizes, DEFAULT_MAX_REVIEWS);
    expect(quotas.reduce((n, x) => n + x, 0)).toBe(DEFAULT_MAX_REVIEWS);
    quotas.forEach((quota, i) => {
      expect(quota).toBeGreaterThan(0);
      expect(quota).toBeLessThanOrEqual(sizes[i]!);
      // Subjects are interleaved, so the first `quota` questions of a group reach every subject.
      const g = groups[i]!;
      const reached = new Set(Array.from({ length: Math.min(quota, 5) }, (_, k) => g.at(k).subject.name));
      expect(reached.size).toBe(Math.min(quota, 5));
    });
    const cut = quotas.filter((q, i) => q < sizes[i]!);
    expect(cut.length).toBeGreaterThan(0);
    expect(Math.max(...cut) - Math.min(...cut)).toBeLessThanOrEqual(1);
    expect(quotas.filter((q, i) => q === sizes[i]!).every((q) => q <= Math.min(...cut))).toBe(true);
  });
});

describe('probeSubjects', () => {
  it('asks as configured subjects, RoleBinding subjects, the users and groups shared with other tenants, then ServiceAccounts', () => {
    const t: Tenant = {
      name: 'acme',
      namespaces: ['a1'],
      isolation: 'soft',
      subjects: [
        { kind: 'ServiceAccount', name: 'app', namespace: 'a1', source: 'service-account' },
        { kind: 'Group', name: 'acme-devs', source: 'role-binding' },
        { kind: 'User', name: 'alice', source: 'config' },
      ],
      shared: [{ kind: 'Group', name: 'sre', source: 'role-binding' }],
    };
    expect(probeSubjects(t, 10)).toEqual([
      { kind: 'User', name: 'alice' },
      { kind: 'Group', name: 'acme-devs' },
      { kind: 'Group', name: 'sre' },
      { kind: 'ServiceAccount', name: 'app', namespace: 'a1' },
    ]);
    expect(probeSubjects(t, 3).map((s) => s.name)).toEqual(['alice', 'acme-devs', 'sre']);
  });
});
