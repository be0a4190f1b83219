import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './deprecated-api.js';

const flow = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: a}\nspec: {minAvailable: 1}\n`;
const vap = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec: {}\n`;

testRule(rule, {
  valid: [
    { name: 'policy/v1', objects: flow('policy/v1') },
    { name: 'before the deprecation release', objects: flow('policy/v1beta1'), cluster: { version: 'v1.20.15' } },
    { name: 'removed APIs are the other rule', objects: flow('policy/v1beta1'), cluster: { version: 'v1.36.3' } },
  ],
  invalid: [
    {
      name: 'policy/v1beta1 PDB on 1.23',
      objects: flow('policy/v1beta1'),
      cluster: { version: 'v1.23.4' },
      messages: ['deprecated'],
      paths: ['apiVersion'],
      messageIncludes: 'deprecated since Kubernetes 1.21 and removed in 1.25 (judged against v1.23.4 from the API server (/version)): use policy/v1',
    },
    { name: 'a beta API past its planned deprecation', objects: vap('admissionregistration.k8s.io/v1beta1'), cluster: { version: 'v1.32.1' }, messages: ['deprecated'], messageIncludes: 'use admissionregistration.k8s.io/v1' },
  ],
});
