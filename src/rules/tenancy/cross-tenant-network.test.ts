import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './cross-tenant-network.js';
import { docs, tenantYaml, threeTenants } from './fixtures.js';

const denyAll = (ns: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: ${ns}}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;
const fromTenant = (ns: string, tenant: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-${tenant}, namespace: ${ns}}
spec:
  podSelector: {}
  ingress: [{from: [{namespaceSelector: {matchLabels: {palisade.dev/tenant: ${tenant}}}}]}]
`;

testRule(rule, {
  valid: [
    {
      name: 'acme isolated, only acme namespaces allowed in',
      objects: docs(tenantYaml('acme', ['a1', 'a2']), threeTenants(), denyAll('a1'), denyAll('a2'), fromTenant('a1', 'acme'), fromTenant('a2', 'acme')),
    },
    {
      name: 'every other tenant is egress-isolated',
      objects: docs(
        tenantYaml('acme', ['a1', 'a2']),
        threeTenants(),
        ...['g1', 'i1'].map((ns) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: no-egress, namespace: ${ns}}\nspec: {podSelector: {}, policyTypes: [Egress]}\n`),
      ),
    },
    { name: 'tenant without pods', objects: docs(tenantYaml('hooli', ['h1']), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: h1, labels: {palisade.dev/tenant: hooli}}\n'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'no policies: every other tenant reaches acme',
      objects: docs(tenantYaml('acme', ['a1', 'a2']), threeTenants()),
      messages: ['reachable'],
      paths: ['reachableFrom[globex]', 'reachableFrom[initech]'],
      messageIncludes: 'not selected by any ingress policy',
    },
    {
      name: 'acme admits globex by policy: the policy is named',
      objects: docs(tenantYaml('acme', ['a1', 'a2']), threeTenants(), denyAll('a1'), denyAll('a2'), fromTenant('a1', 'globex')),
      messages: ['reachable'],
      paths: ['reachableFrom[globex]'],
      messageIncludes: 'through ingress policy a1/from-globex',
    },
  ],
});
