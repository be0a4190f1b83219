import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import rule from './cluster-resource-access.js';
import { docs, tenantYaml, threeTenants } from './fixtures.js';
import { ALICE, bindingToAbsentRole } from './rbac-fixtures.js';

const base = (): string => docs(tenantYaml('acme', ['a1', 'a2']), threeTenants());
const grant = (rules: string, subject = '{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: ${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: r}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [${subject}]
`;
const absentCrb = (): string => bindingToAbsentRole('node-tools', 'node-manager', ALICE);
const alice = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1', 'a2'], subjects: [{ kind: 'User', name: 'alice' }] }];
};

testRule(rule, {
  valid: [
    { name: 'tenant user without cluster bindings', objects: base(), config: alice },
    { name: 'cluster-wide rights on namespaced pods only', objects: docs(base(), grant('[{apiGroups: [""], resources: [pods], verbs: [list]}]')), config: alice },
    { name: 'node access granted to someone else', objects: docs(base(), grant('[{apiGroups: [""], resources: [nodes], verbs: [get]}]', '{kind: User, name: ops, apiGroup: rbac.authorization.k8s.io}')), config: alice },
    { name: 'offline ClusterRoleBinding to a ClusterRole absent from the input: unknown, not pass', objects: docs(base(), absentCrb()), config: alice, status: 'unknown' },
    { name: 'live, the same binding is dangling and grants nothing', objects: docs(base(), absentCrb()), config: alice, mode: 'live' },
    { name: 'a RoleBinding to an absent role cannot grant cluster-scoped resources', objects: docs(base(), bindingToAbsentRole('tools', 'node-manager', ALICE, 'a1')), config: alice },
    { name: 'offline RoleBinding to the bootstrap view role (not in the input): the API server’s view, not missing', objects: docs(base(), bindingToAbsentRole('v', 'view', ALICE, 'a1')), config: alice },
  ],
  invalid: [
    {
      name: 'watch on nodes (a verb kubectl-mtb never asked)',
      objects: docs(base(), grant('[{apiGroups: [""], resources: [nodes], verbs: [watch]}]')),
      config: alice,
      messages: ['access'],
      paths: ['nodes'],
      messageIncludes: 'User alice of tenant acme can watch nodes',
    },
    {
      name: 'deletecollection on storage classes',
      objects: docs(base(), grant('[{apiGroups: [storage.k8s.io], resources: [storageclasses], verbs: [deletecollection]}]')),
      config: alice,
      messages: ['access'],
      paths: ['storageclasses.storage.k8s.io'],
    },
  ],
});

describe('tenancy/cluster-resource-access: a fail found elsewhere still wins over the unknown', () => {
  it('names the binding and the missing role', () => {
    const out = runCase(rule, { name: 'absent', objects: docs(base(), absentCrb()), config: alice });
    expect(out.message).toBe('ClusterRoleBinding/node-tools names ClusterRole/node-manager, not in the input: whether tenant acme can access cluster-scoped resources is not known');
  });
  it('fails when another binding already grants access', () => {
    const out = runCase(rule, { name: 'both', objects: docs(base(), absentCrb(), grant('[{apiGroups: [""], resources: [nodes], verbs: [get]}]')), config: alice });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('User alice of tenant acme can get nodes');
  });
});
