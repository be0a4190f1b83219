import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './compute-quota.js';
import { docs, namespaceYaml } from './fixtures.js';

const quota = (hard: string): string => `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: a1}\nspec: {hard: ${hard}}\n`;

testRule(rule, {
  valid: [
    { name: 'requests and limits for the three resources', objects: docs(namespaceYaml('a1', 'acme'), quota('{requests.cpu: "4", limits.memory: 8Gi, requests.ephemeral-storage: 10Gi}')) },
    { name: 'split across two quotas', objects: docs(namespaceYaml('a1', 'acme'), quota('{cpu: "4", memory: 8Gi}'), quota('{ephemeral-storage: 1Gi}').replace('name: q', 'name: q2')) },
    { name: 'system namespace', objects: namespaceYaml('kube-system'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no quota', objects: namespaceYaml('a1', 'acme'), messages: ['missing'], paths: ['ResourceQuota.spec.hard'], messageIncludes: 'cpu, memory, ephemeral-storage' },
    { name: 'ephemeral-storage missing', objects: docs(namespaceYaml('a1', 'acme'), quota('{requests.cpu: "1", requests.memory: 1Gi}')), messages: ['missing'], messageIncludes: 'no quota on ephemeral-storage' },
  ],
});
