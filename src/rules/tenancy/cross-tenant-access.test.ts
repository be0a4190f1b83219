import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import rule from './cross-tenant-access.js';
import { docs, tenantYaml, threeTenants } from './fixtures.js';
import { bindingToAbsentRole } from './rbac-fixtures.js';

const sa = (ns: string, name: string): string => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${ns}}\n`;
const editRole = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: tenant-edit}
rules:
- {apiGroups: [""], resources: [pods, secrets, configmaps], verbs: [get, list, create, update, delete]}
- {apiGroups: [""], resources: [pods/exec], verbs: [create]}
`;
const noopRole = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view-events}
rules:
- {apiGroups: [""], resources: [events], verbs: [get, list]}
`;
const bind = (ns: string, role: string, subject: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b-${role}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [${subject}]
`;
const base = (): string => docs(tenantYaml('acme', ['a1', 'a2']), threeTenants(), sa('a1', 'app'), sa('g1', 'ci'), editRole, noopRole);

testRule(rule, {
  valid: [
    { name: 'only acme subjects bound in acme', objects: docs(base(), bind('a1', 'tenant-edit', '{kind: ServiceAccount, name: app, namespace: a1}')) },
    {
      name: 'a user bound only in acme namespaces belongs to acme',
      objects: docs(base(), bind('a1', 'tenant-edit', '{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}')),
    },
    {
      name: 'a platform admin outside every tenant is not another tenant',
      objects: docs(
        base(),
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ops}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: tenant-edit}\nsubjects: [{kind: User, name: ops, apiGroup: rbac.authorization.k8s.io}]\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'globex ServiceAccount can exec and read secrets in acme',
      objects: docs(base(), bind('a1', 'tenant-edit', '{kind: ServiceAccount, name: ci, namespace: g1}')),
      messages: ['access', 'boundServiceAccount'],
      paths: ['accessibleBy[ServiceAccount g1/ci].a1', 'RoleBinding/a1/b-tenant-edit'],
      messageIncludes: 'tenant globex',
    },
    {
      name: 'a globex user (bound in globex) is given rights in acme through a ClusterRoleBinding-free RoleBinding',
      objects: docs(
        base(),
        bind('g1', 'tenant-edit', '{kind: User, name: gina, apiGroup: rbac.authorization.k8s.io}'),
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: gina-view, namespace: a2}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: tenant-edit}\nsubjects: [{kind: User, name: gina, apiGroup: rbac.authorization.k8s.io}]\n`,
      ),
      config: (c) => {
        c.tenancy.tenants = [{ name: 'globex', namespaces: ['g1'], subjects: [{ kind: 'User', name: 'gina' }] }];
      },
      messages: ['access'],
      paths: ['accessibleBy[User gina].a2'],
    },
    {
      name: 'a globex group (its strongest grant is in globex) bound into acme “for debugging”',
      objects: docs(
        base(),
        bind('g1', 'tenant-edit', '{kind: Group, name: globex-team, apiGroup: rbac.authorization.k8s.io}'),
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: pod-reader}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]\n`,
        bind('a1', 'pod-reader', '{kind: Group, name: globex-team, apiGroup: rbac.authorization.k8s.io}'),
      ),
      messages: ['access'],
      paths: ['accessibleBy[Group globex-team].a1'],
      messageIncludes: 'Group globex-team of tenant globex can read in namespace a1',
    },
    {
      name: 'system:authenticated may read pods everywhere (every tenant reads acme)',
      objects: docs(
        base(),
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: all-read}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: tenant-edit}\nsubjects: [{kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}]\n`,
      ),
      messages: ['everyone'],
      paths: ['accessibleBy[Group system:authenticated].a1'],
    },
    {
      name: 'all ServiceAccounts of a globex namespace (system:serviceaccounts:g1) bound in acme',
      objects: docs(base(), bind('a1', 'tenant-edit', '{kind: Group, name: "system:serviceaccounts:g1", apiGroup: rbac.authorization.k8s.io}')),
      messages: ['access'],
      messageIncludes: 'tenant globex',
    },
    {
      name: 'a globex ServiceAccount bound to a harmless role is still a cross-tenant binding',
      objects: docs(base(), bind('a2', 'view-events', '{kind: ServiceAccount, name: ci, namespace: g1}')),
      messages: ['boundServiceAccount'],
    },
  ],
});

describe('tenancy/cross-tenant-access: bindings to a role absent from the input', () => {
  const GINA = '{kind: User, name: gina, apiGroup: rbac.authorization.k8s.io}';
  const ginaIsGlobex = (c: { tenancy: { tenants: unknown[] } }): void => {
    c.tenancy.tenants = [{ name: 'globex', namespaces: ['g1'], subjects: [{ kind: 'User', name: 'gina' }] }];
  };
  const absent = (subject: string): string => bindingToAbsentRole('helpers', 'support-tools', subject, 'a1');

  it('another tenant’s user bound in acme to an absent role: unknown, naming the binding and the role', () => {
    const out = runCase(rule, { name: 'absent', objects: docs(base(), absent(GINA)), config: ginaIsGlobex });
    expect(out.status).toBe('unknown');
    expect(out.message).toBe("RoleBinding/a1/helpers names ClusterRole/support-tools, not in the input: whether other tenants' subjects can act in tenant acme's namespaces is not known");
  });

  it('live, the same binding is dangling and grants nothing', () => {
    expect(runCase(rule, { name: 'live', objects: docs(base(), absent(GINA)), config: ginaIsGlobex, mode: 'live' }).status).toBe('pass');
  });

  it('acme’s own ServiceAccount bound to an absent role is not another tenant’s access', () => {
    expect(runCase(rule, { name: 'own', objects: docs(base(), absent('{kind: ServiceAccount, name: app, namespace: a1}')) }).status).toBe('pass');
  });

  it('a globex ServiceAccount bound to an absent role is still a cross-tenant binding: fail wins', () => {
    const out = runCase(rule, { name: 'sa', objects: docs(base(), absent('{kind: ServiceAccount, name: ci, namespace: g1}')) });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('is bound by RoleBinding/a1/helpers');
  });
});

describe('tenancy/cross-tenant-access: inferred home tenants', () => {
  it('the evidence says how the home tenant was inferred', () => {
    const group = '{kind: Group, name: globex-team, apiGroup: rbac.authorization.k8s.io}';
    const reader = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: pod-reader}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]\n`;
    const out = runCase(rule, { name: 'home', objects: docs(base(), bind('g1', 'tenant-edit', group), reader, bind('a1', 'pod-reader', group)) });
    expect(out.status).toBe('fail');
    expect(out.evidence[0]?.actual).toMatchObject({
      home: 'tenant globex: strongest grant (write: ClusterRole/tenant-edit by RoleBinding/g1/b-tenant-edit) in tenant globex; also bound in acme',
    });
  });
});
