import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import rule from './self-service.js';
import { docs, tenantYaml, namespaceYaml } from './fixtures.js';
import { ALICE, aliceRole, bindingToAbsentRole } from './rbac-fixtures.js';

const oneNs = (): string => docs(tenantYaml('acme', ['a1']), namespaceYaml('a1', 'acme'));
const twoNs = (): string => docs(tenantYaml('acme', ['a1', 'a2']), namespaceYaml('a1', 'acme'), namespaceYaml('a2', 'acme'));
const full = '[{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: ["*"]}, {apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, create, update, patch, delete, deletecollection]}]';
const oneOnly = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1'], subjects: [{ kind: 'User', name: 'alice' }] }];
};
const bothNs = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1', 'a2'], subjects: [{ kind: 'User', name: 'alice' }] }];
};
/** alice is admin of a1 through ClusterRole/tenant-admin, which the input does not define. */
const absentAdmin = (): string => docs(oneNs(), bindingToAbsentRole('tenant-admins', 'tenant-admin', ALICE, 'a1'));

testRule(rule, {
  valid: [
    { name: 'full self-service', objects: docs(oneNs(), aliceRole('a1', full)), config: oneOnly },
    { name: 'tenant without subjects', objects: oneNs(), status: 'not-applicable' },
    {
      name: 'offline binding to the bootstrap admin role, which the input does not contain: the API server’s admin grants it',
      objects: docs(oneNs(), bindingToAbsentRole('admins', 'admin', ALICE, 'a1')),
      config: oneOnly,
    },
    { name: 'offline binding to a ClusterRole absent from the input: unknown, not fail', objects: absentAdmin(), config: oneOnly, status: 'unknown' },
  ],
  invalid: [
    {
      name: 'no networkpolicy deletecollection, no roles',
      objects: docs(oneNs(), aliceRole('a1', '[{apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, create, update, patch, delete]}]')),
      config: oneOnly,
      messages: ['missing'],
      paths: ['a1/networkpolicies', 'a1/roles', 'a1/rolebindings'],
      messageIncludes: 'deletecollection networkpolicies',
    },
    {
      name: 'live, a binding to a missing ClusterRole is dangling and grants nothing',
      objects: absentAdmin(),
      mode: 'live',
      config: oneOnly,
      messages: ['missing'],
      paths: ['a1/roles', 'a1/rolebindings', 'a1/networkpolicies'],
    },
    {
      name: 'the absent role is bound to a platform ServiceAccount, not a tenant subject: it cannot help the tenant',
      objects: docs(oneNs(), bindingToAbsentRole('deployer', 'tenant-admin', '{kind: ServiceAccount, name: deployer, namespace: platform}', 'a1')),
      config: oneOnly,
      messages: ['missing'],
      paths: ['a1/roles'],
    },
    {
      name: 'the absent role is bound in a1 only: a2 still fails',
      objects: docs(twoNs(), bindingToAbsentRole('tenant-admins', 'tenant-admin', ALICE, 'a1')),
      config: bothNs,
      messages: ['missing'],
      paths: ['a2/roles', 'a2/rolebindings', 'a2/networkpolicies'],
      messageIncludes: 'in namespace a2',
    },
  ],
});

describe('tenancy/self-service: unknown names the binding and the missing role', () => {
  it('RoleBinding to an absent ClusterRole', () => {
    const out = runCase(rule, { name: 'absent', objects: absentAdmin(), config: oneOnly });
    expect(out.status).toBe('unknown');
    expect(out.message).toContain('RoleBinding/a1/tenant-admins names ClusterRole/tenant-admin, not in the input');
    expect(out.message).toBe('RoleBinding/a1/tenant-admins names ClusterRole/tenant-admin, not in the input: whether tenant acme can manage roles, rolebindings, networkpolicies in namespace a1 is not known');
  });

  it('ClusterRoleBinding to an absent ClusterRole counts in every namespace', () => {
    const out = runCase(rule, { name: 'absent crb', objects: docs(twoNs(), bindingToAbsentRole('tenant-admins', 'tenant-admin', ALICE)), config: bothNs });
    expect(out.status).toBe('unknown');
    expect(out.message).toContain('ClusterRoleBinding/tenant-admins names ClusterRole/tenant-admin');
    expect(out.message).toContain('in namespace a2');
  });
});
