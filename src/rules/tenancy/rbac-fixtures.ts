/** RBAC YAML for the tenancy rule tests. */
import { docs, tenantYaml, threeTenants } from './fixtures.js';

export const ACME_ALICE = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1', 'a2'], subjects: [{ kind: 'User', name: 'alice' }] }];
};

export function acmeBase(): string {
  return docs(tenantYaml('acme', ['a1', 'a2']), threeTenants());
}

/** A Role in `ns` with `rules` bound to User alice. */
export function aliceRole(ns: string, rules: string, name = 'r'): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${name}, namespace: ${ns}}
rules: ${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${name}}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`;
}
