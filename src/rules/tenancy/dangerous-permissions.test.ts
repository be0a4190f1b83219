import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import rule from './dangerous-permissions.js';
import { docs, tenantYaml, threeTenants } from './fixtures.js';
import { bindingToAbsentRole } from './rbac-fixtures.js';

const base = (): string =>
  docs(tenantYaml('acme', ['a1', 'a2']), threeTenants(), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: deployer, namespace: a1}\n');
const DEPLOYER = '{kind: ServiceAccount, name: deployer, namespace: a1}';
const absent = (): string => bindingToAbsentRole('deployer-cluster', 'deploy-everything', DEPLOYER);
const crb = (role: string, rules: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${role}}
rules: ${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${role}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [{kind: ServiceAccount, name: deployer, namespace: a1}]
`;

testRule(rule, {
  valid: [
    { name: 'no cluster bindings', objects: base() },
    { name: 'cluster-wide read of configmaps is not dangerous', objects: docs(base(), crb('cm-reader', '[{apiGroups: [""], resources: [configmaps], verbs: [list]}]')) },
    {
      name: 'secrets read granted by a RoleBinding in its own namespace is not cluster-wide',
      objects: docs(
        base(),
        `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: s, namespace: a1}\nrules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: s, namespace: a1}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: s}\nsubjects: [{kind: ServiceAccount, name: deployer, namespace: a1}]\n`,
      ),
    },
    { name: 'offline ClusterRoleBinding to a ClusterRole absent from the input: unknown, not pass', objects: docs(base(), absent()), status: 'unknown' },
    { name: 'live, the same binding is dangling and grants nothing', objects: docs(base(), absent()), mode: 'live' },
    { name: 'a RoleBinding to an absent role grants nothing cluster-wide', objects: docs(base(), bindingToAbsentRole('deployer', 'deploy-everything', DEPLOYER, 'a1')) },
    { name: 'offline ClusterRoleBinding to the bootstrap view role (not in the input): nothing dangerous', objects: docs(base(), bindingToAbsentRole('viewers', 'view', DEPLOYER)) },
  ],
  invalid: [
    {
      name: 'secrets list cluster-wide',
      objects: docs(base(), crb('secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [list]}]')),
      messages: ['dangerous'],
      paths: ['subjects[ServiceAccount a1/deployer]'],
      messageIncludes: 'read secrets cluster-wide',
    },
    {
      name: 'impersonation and nodes/proxy',
      objects: docs(base(), crb('power', '[{apiGroups: [""], resources: [users, nodes/proxy], verbs: [impersonate, get]}]')),
      messages: ['dangerous'],
      messageIncludes: 'impersonate users',
    },
    {
      name: 'cluster-admin',
      objects: docs(base(), crb('admin', '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]')),
      messages: ['dangerous'],
      messageIncludes: '(+',
    },
  ],
});

describe('tenancy/dangerous-permissions: binding to a role absent from the input', () => {
  it('names the binding and the missing role', () => {
    const out = runCase(rule, { name: 'absent', objects: docs(base(), absent()) });
    expect(out.message).toBe("ClusterRoleBinding/deployer-cluster names ClusterRole/deploy-everything, not in the input: whether tenant acme's subjects hold cluster-scoped or escalating permissions is not known");
  });
  it('a dangerous grant found elsewhere still fails', () => {
    const out = runCase(rule, { name: 'both', objects: docs(base(), absent(), crb('secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [list]}]')) });
    expect(out.status).toBe('fail');
  });
});
