import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './default-deny-ingress.js';

const ns = `
apiVersion: v1
kind: Namespace
metadata: {name: a1, labels: {palisade.dev/tenant: acme}}
`;

testRule(rule, {
  valid: [
    {
      name: 'namespace-wide Ingress policy',
      objects: `${ns}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: a1}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
    },
    {
      name: 'namespace-wide policy that allows some traffic still isolates all pods',
      objects: `${ns}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: same-ns, namespace: a1}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{podSelector: {}}]}]
  egress: [{to: [{podSelector: {}}]}]
`,
    },
    { name: 'not a tenant namespace', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: tools}\n', status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no policy at all', objects: ns, messages: ['missing'], paths: ['NetworkPolicy'], messageIncludes: 'acme' },
    {
      name: 'only a policy for some pods',
      objects: `${ns}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: a1}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}
`,
      messages: ['missing'],
    },
    {
      name: 'namespace-wide policy of the other direction only',
      objects: `${ns}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: other, namespace: a1}
spec: {podSelector: {}, policyTypes: [Egress]}
`,
      messages: ['missing'],
    },
  ],
});
