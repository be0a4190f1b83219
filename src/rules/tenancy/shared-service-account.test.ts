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

const hardGlobex = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'globex', selector: { matchLabels: { 'palisade.dev/tenant': 'globex' } }, isolation: 'hard' }];
};
const TOOLS = namespaceYaml('tools');

testRule(rule, {
  valid: [
    { name: 'soft tenant: a binding in an unassigned namespace is not sharing with a tenant', objects: docs(SA, NS, TOOLS, rb('tools')) },
    { name: 'hard tenant bound only in its own namespaces', objects: docs(SA, NS, rb('g2')), config: hardGlobex },
  ],
  invalid: [
    { name: 'hard tenant bound in an unassigned namespace', objects: docs(SA, NS, TOOLS, rb('tools')), config: hardGlobex, messages: ['boundOutside'], messageIncludes: 'namespace group unassigned' },
    { name: 'hard tenant bound in another tenant', objects: docs(SA, NS, rb('a1')), config: hardGlobex, messages: ['shared'] },
  ],
});
