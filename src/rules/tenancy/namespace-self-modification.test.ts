import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './namespace-self-modification.js';
import { docs } from './fixtures.js';
import { ACME_ALICE, acmeBase, aliceRole } from './rbac-fixtures.js';

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
