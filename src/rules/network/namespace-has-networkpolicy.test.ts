import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './namespace-has-networkpolicy.js';

const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n';
const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: a, image: nginx}]}\n';
const np = (kind = 'NetworkPolicy', ns = 'shop') => `---\napiVersion: networking.k8s.io/v1\nkind: ${kind}\nmetadata: {name: deny, namespace: ${ns}}\nspec: {podSelector: {}}\n`;

testRule(rule, {
  valid: [
    { name: 'a NetworkPolicy', objects: ns + pod + np() },
    { name: 'a CiliumNetworkPolicy', objects: ns + pod + np('CiliumNetworkPolicy') },
    { name: 'empty namespace', objects: ns, status: 'not-applicable' },
  ],
  invalid: [{ name: 'workloads, no policy (one elsewhere does not count)', objects: ns + pod + np('NetworkPolicy', 'other'), messages: ['none'], messageIncludes: 'shop' }],
});
