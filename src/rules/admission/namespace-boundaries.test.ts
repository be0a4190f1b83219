import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './namespace-boundaries.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const deploy = (ns: string, name = 'web') => `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n`;

testRule(rule, {
  valid: [
    { name: 'workloads in their own namespaces', objects: cluster + deploy('shop') + deploy('default', 'old') },
    { name: 'only system workloads', objects: cluster + deploy('kube-system', 'coredns'), status: 'not-applicable' },
  ],
  invalid: [{ name: 'everything in default', objects: cluster + deploy('default') + deploy('default', 'api') + deploy('kube-system', 'coredns'), messages: ['onlyDefault'], messageIncludes: '2 user workload' }],
});
