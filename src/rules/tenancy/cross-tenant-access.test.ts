import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './cross-tenant-access.js';
import { docs, tenantYaml, threeTenants } from './fixtures.js';

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
