import { APISERVER } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './policy-control-mechanism.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const ns = (name: string, labels = '{}') => `---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n`;

testRule(rule, {
  valid: [
    { name: 'a user namespace enforces baseline', objects: cluster + ns('shop', '{pod-security.kubernetes.io/enforce: baseline}') },
    { name: 'a ValidatingAdmissionPolicyBinding', objects: cluster + ns('shop') + '---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: no-privileged}\nspec: {policyName: p, validationActions: [Deny]}\n' },
    { name: 'Kyverno webhooks', objects: cluster + '---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: kyverno-resource-validating-webhook-cfg}\nwebhooks: []\n' },
  ],
  invalid: [
    { name: 'nothing', objects: cluster + ns('shop') + ns('kube-system', '{pod-security.kubernetes.io/enforce: restricted}'), messages: ['none'] },
    { name: 'enforce=privileged does not count', objects: cluster + ns('shop', '{pod-security.kubernetes.io/enforce: privileged}'), messages: ['none'] },
    {
      name: 'labels do nothing when PodSecurity admission is disabled',
      objects: cluster + ns('shop', '{pod-security.kubernetes.io/enforce: restricted}') + '---' + APISERVER.pod('--disable-admission-plugins=PodSecurity'),
      messages: ['none'],
      messageIncludes: 'No admission policy',
    },
  ],
});
