import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './cluster-resource-access.js';
import { docs, tenantYaml, threeTenants } from './fixtures.js';

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
const alice = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1', 'a2'], subjects: [{ kind: 'User', name: 'alice' }] }];
};

testRule(rule, {
  valid: [
    { name: 'tenant user without cluster bindings', objects: base(), config: alice },
    { name: 'cluster-wide rights on namespaced pods only', objects: docs(base(), grant('[{apiGroups: [""], resources: [pods], verbs: [list]}]')), config: alice },
    { name: 'node access granted to someone else', objects: docs(base(), grant('[{apiGroups: [""], resources: [nodes], verbs: [get]}]', '{kind: User, name: ops, apiGroup: rbac.authorization.k8s.io}')), config: alice },
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
