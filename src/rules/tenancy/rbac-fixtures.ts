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

/**
 * A binding whose ClusterRole is not in the input (defined in another repository or chart):
 * a RoleBinding in `ns`, or a ClusterRoleBinding when `ns` is undefined.
 */
export function bindingToAbsentRole(name: string, role: string, subject: string, ns?: string): string {
  const kind = ns === undefined ? 'ClusterRoleBinding' : 'RoleBinding';
  const meta = ns === undefined ? `{name: ${name}}` : `{name: ${name}, namespace: ${ns}}`;
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: ${meta}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [${subject}]
`;
}

export const ALICE = '{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}';
