import { workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pdb-selector.js';

const pdb = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p, namespace: a}\nspec: ${spec}\n---\n`;
const web = workload('Deployment', 'containers: [{name: app, image: x:1}]', { templateMetadata: '{labels: {app: web}}' });

testRule(rule, {
  valid: [
    { name: 'matches the template', objects: pdb('{minAvailable: 1, selector: {matchLabels: {app: web}}}') + web },
    { name: 'empty selector matches every pod in the namespace', objects: pdb('{maxUnavailable: 1, selector: {}}') + web },
  ],
  invalid: [
    { name: 'stale label', objects: pdb('{minAvailable: 1, selector: {matchLabels: {app: webapp}}}') + web, messages: ['noPods'], paths: ['spec.selector'], messageIncludes: 'namespace a' },
    { name: 'no selector selects nothing (policy/v1)', objects: pdb('{minAvailable: 1}') + web, messages: ['noPods'] },
  ],
});
