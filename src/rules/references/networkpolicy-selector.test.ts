import { networkPolicy, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './networkpolicy-selector.js';

const web = workload('Deployment', 'containers: [{name: app, image: x:1}]', { templateMetadata: '{labels: {app: web}}' });
const policy = (spec: string) => networkPolicy('p', spec).replace(/namespace: \w+/, 'namespace: a');

testRule(rule, {
  valid: [
    { name: 'selects a template', objects: policy('{podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}') + '---\n' + web },
    { name: 'matchExpressions select a template', objects: policy('{podSelector: {matchExpressions: [{key: app, operator: Exists}]}}') + '---\n' + web },
    { name: 'empty podSelector (default deny)', objects: policy('{podSelector: {}, policyTypes: [Ingress]}'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'stale label', objects: policy('{podSelector: {matchLabels: {app: website}}}') + '---\n' + web, messages: ['noPods'], paths: ['spec.podSelector'], messageIncludes: 'namespace a' },
    { name: 'empty namespace', objects: policy('{podSelector: {matchLabels: {app: web}}}'), messages: ['noPods'] },
  ],
});
