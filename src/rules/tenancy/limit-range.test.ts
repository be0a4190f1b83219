import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './limit-range.js';
import { docs, namespaceYaml } from './fixtures.js';

const lr = (limits: string): string => `apiVersion: v1\nkind: LimitRange\nmetadata: {name: l, namespace: a1}\nspec: {limits: ${limits}}\n`;

testRule(rule, {
  valid: [
    { name: 'container defaults', objects: docs(namespaceYaml('a1', 'acme'), lr('[{type: Container, default: {cpu: 500m, memory: 256Mi}, defaultRequest: {cpu: 100m, memory: 128Mi}}]')) },
    { name: 'not a tenant namespace', objects: namespaceYaml('tools'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no LimitRange', objects: namespaceYaml('a1', 'acme'), messages: ['missing'], paths: ['LimitRange'] },
    { name: 'only a PVC limit', objects: docs(namespaceYaml('a1', 'acme'), lr('[{type: PersistentVolumeClaim, max: {storage: 10Gi}}]')), messages: ['noDefaults'], paths: ['LimitRange.spec.limits'] },
  ],
});
