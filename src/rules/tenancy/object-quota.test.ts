import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './object-quota.js';
import { docs, namespaceYaml } from './fixtures.js';

const quota = (hard: string): string => `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: a1}\nspec: {hard: ${hard}}\n`;
const all = '{pods: "50", services: "10", replicationcontrollers: "0", resourcequotas: "1", secrets: "50", configmaps: "50", persistentvolumeclaims: "10", services.nodeports: "0", services.loadbalancers: "0"}';

testRule(rule, {
  valid: [
    { name: 'all nine counts', objects: docs(namespaceYaml('a1', 'acme'), quota(all)) },
    { name: 'count/ syntax accepted', objects: docs(namespaceYaml('a1', 'acme'), quota(all.replace('secrets:', 'count/secrets:'))) },
    { name: 'unassigned namespace', objects: namespaceYaml('scratch'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no quota', objects: namespaceYaml('a1', 'acme'), messages: ['missing'], paths: ['ResourceQuota.spec.hard'] },
    { name: 'nodeports and loadbalancers missing', objects: docs(namespaceYaml('a1', 'acme'), quota(all.replace(', services.nodeports: "0", services.loadbalancers: "0"', ''))), messages: ['missing'], messageIncludes: 'services.nodeports, services.loadbalancers' },
  ],
});
