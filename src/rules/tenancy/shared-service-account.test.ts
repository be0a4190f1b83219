import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './shared-service-account.js';
import { docs, namespaceYaml } from './fixtures.js';

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ci, namespace: g1}\n';
const NS = docs(namespaceYaml('g1', 'globex'), namespaceYaml('g2', 'globex'), namespaceYaml('a1', 'acme'));
const rb = (ns: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: ci, namespace: g1}]
`;

testRule(rule, {
  valid: [
    { name: 'bound in its own tenant', objects: docs(SA, NS, rb('g1'), rb('g2').replace('name: ci, namespace: g2', 'name: ci2, namespace: g2')) },
    { name: 'system ServiceAccount', objects: docs('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x, namespace: kube-system}\n', namespaceYaml('kube-system')), status: 'not-applicable' },
  ],
  invalid: [{ name: 'bound in acme', objects: docs(SA, NS, rb('a1')), messages: ['shared'], paths: ['RoleBinding/a1/ci'], messageIncludes: 'tenant acme' }],
});
