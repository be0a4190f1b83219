import { describe, expect, it } from 'vitest';
import { classifyAdmission, ADMISSION_PROBES } from './admission.js';
import { identityOf, questionsFor, sarBody } from './questions.js';
import { probeRuleDescriptors } from './index.js';
import type { Tenant } from '../analysis/tenants.js';

const acme: Tenant = { name: 'acme', namespaces: ['a1'], subjects: [{ kind: 'User', name: 'alice', source: 'config' }] };
const globex: Tenant = { name: 'globex', namespaces: ['g1', 'g2'], subjects: [] };

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
