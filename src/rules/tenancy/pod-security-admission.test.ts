import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pod-security-admission.js';
import { namespaceYaml } from './fixtures.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

testRule(rule, {
  valid: [
    { name: 'restricted', objects: namespaceYaml('a1', 'acme', { [ENFORCE]: 'restricted' }) },
    { name: 'baseline', objects: namespaceYaml('a1', 'acme', { [ENFORCE]: 'baseline' }) },
    { name: 'system namespace', objects: namespaceYaml('kube-system'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no label', objects: namespaceYaml('a1', 'acme'), messages: ['missing'], paths: [`metadata.labels["${ENFORCE}"]`] },
    { name: 'privileged', objects: namespaceYaml('a1', 'acme', { [ENFORCE]: 'privileged' }), messages: ['weak'], messageIncludes: '"privileged"' },
    { name: 'warn only does not enforce', objects: namespaceYaml('a1', 'acme', { 'pod-security.kubernetes.io/warn': 'restricted' }), messages: ['missing'] },
  ],
});
