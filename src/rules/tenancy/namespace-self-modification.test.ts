import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import rule from './namespace-self-modification.js';
import { docs } from './fixtures.js';
import { ACME_ALICE, ALICE, acmeBase, aliceRole, bindingToAbsentRole } from './rbac-fixtures.js';

const absent = (): string => bindingToAbsentRole('ns-owners', 'namespace-owner', ALICE, 'a1');

const clusterGrant = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ns-patch}
rules: [{apiGroups: [""], resources: [namespaces], verbs: [patch], resourceNames: [a1]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ns-patch}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ns-patch}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`;

testRule(rule, {
  valid: [
    { name: 'get on its namespace only', objects: docs(acmeBase(), aliceRole('a1', '[{apiGroups: [""], resources: [namespaces], verbs: [get]}]')), config: ACME_ALICE },
    { name: 'no subjects known', objects: acmeBase() },
    { name: 'offline RoleBinding to a ClusterRole absent from the input: unknown, not pass', objects: docs(acmeBase(), absent()), config: ACME_ALICE, status: 'unknown' },
    { name: 'live, the same binding is dangling and grants nothing', objects: docs(acmeBase(), absent()), config: ACME_ALICE, mode: 'live' },
    { name: 'offline RoleBinding to the bootstrap edit role (not in the input): edit cannot patch namespaces', objects: docs(acmeBase(), bindingToAbsentRole('editors', 'edit', ALICE, 'a1')), config: ACME_ALICE },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding with resourceNames on its own namespace',
      objects: docs(acmeBase(), clusterGrant),
      config: ACME_ALICE,
      messages: ['modify'],
      paths: ['Namespace/a1'],
      messageIncludes: 'can patch its Namespace a1',
    },
    {
      name: 'RoleBinding inside the namespace granting update on namespaces',
      objects: docs(acmeBase(), aliceRole('a2', '[{apiGroups: [""], resources: [namespaces], verbs: [update]}]')),
      config: ACME_ALICE,
      messages: ['modify'],
      paths: ['Namespace/a2'],
    },
  ],
});

describe('tenancy/namespace-self-modification: binding to a role absent from the input', () => {
  it('names the binding and the missing role', () => {
    const out = runCase(rule, { name: 'absent', objects: docs(acmeBase(), absent()), config: ACME_ALICE });
    expect(out.message).toBe('RoleBinding/a1/ns-owners names ClusterRole/namespace-owner, not in the input: whether tenant acme can update or patch Namespace a1 is not known');
  });
});
