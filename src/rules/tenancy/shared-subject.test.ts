import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import rule from './shared-subject.js';
import { docs, tenantYaml, threeTenants } from './fixtures.js';

const role = (name: string, verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules: [{apiGroups: [""], resources: [pods, configmaps], verbs: ${verbs}}]
`;
const bind = (ns: string, roleName: string, group: string, name = `b-${roleName}-${group}`): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${roleName}}
subjects: [{kind: Group, name: ${group}, apiGroup: rbac.authorization.k8s.io}]
`;
const base = (): string => docs(tenantYaml('acme', ['a1', 'a2']), tenantYaml('globex', ['g1']), threeTenants(), role('writer', '[get, create]'), role('reader', '[get, list]'));

testRule(rule, {
  valid: [
    { name: 'a group bound in one tenant only', objects: docs(base(), bind('a1', 'writer', 'devs'), bind('a2', 'reader', 'devs')) },
    { name: 'home by strongest grant: write in acme, read in globex', objects: docs(base(), bind('a1', 'writer', 'devs'), bind('g1', 'reader', 'devs')) },
    { name: 'home by the bootstrap role order: admin in globex beats edit in acme', objects: docs(base(), bind('g1', 'admin', 'devs'), bind('a1', 'edit', 'devs')) },
    { name: 'a tie broken by the tenant name as prefix', objects: docs(base(), bind('a1', 'writer', 'acme-devs'), bind('g1', 'writer', 'acme-devs')) },
    {
      name: 'declared in config: no inference needed',
      objects: docs(base(), bind('a1', 'writer', 'devs'), bind('g1', 'writer', 'devs')),
      config: (c) => {
        c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1', 'a2'], subjects: [{ kind: 'Group', name: 'devs' }] }];
      },
    },
  ],
  invalid: [
    {
      name: 'equally strong grants in two tenants and no prefix',
      objects: docs(base(), bind('a1', 'writer', 'devs'), bind('g1', 'writer', 'devs')),
      messages: ['shared'],
      paths: ['subjects[Group devs]'],
      messageIncludes: 'Group devs has rights in tenants acme, globex and no home tenant: equally strong grants (write) in tenants acme, globex',
    },
  ],
});

describe('tenancy/shared-subject: every tenant the subject is shared by reports it', () => {
  it('globex fails too, initech (not bound there) passes', () => {
    const objects = docs(base(), bind('a1', 'writer', 'devs'), bind('g1', 'writer', 'devs'));
    const globex = runCase(rule, { name: 'globex', objects, target: 'Tenant/globex' });
    expect(globex.status).toBe('fail');
    expect(globex.evidence[0]?.actual).toEqual({ tenants: ['acme', 'globex'], bindings: ['RoleBinding/a1/b-writer-devs', 'RoleBinding/g1/b-writer-devs'] });
    expect(runCase(rule, { name: 'initech', objects: docs(objects, tenantYaml('initech', ['i1'])), target: 'Tenant/initech' }).status).toBe('pass');
  });
});
