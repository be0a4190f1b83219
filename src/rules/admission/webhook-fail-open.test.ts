import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './webhook-fail-open.js';
import { hookConfig } from './webhook-fixtures.js';

testRule(rule, {
  valid: [
    { name: 'failurePolicy unset (Fail is the v1 default)', objects: hookConfig() },
    { name: 'failurePolicy Fail on pods', objects: hookConfig({ failurePolicy: 'Fail' }) },
    { name: 'failurePolicy Fail with matchConditions', objects: hookConfig({ failurePolicy: 'Fail', extra: 'matchConditions: [{name: not-system, expression: "request.namespace != \'kube-system\'"}]' }) },
    { name: 'Ignore on a resource that guards nothing security-relevant', objects: hookConfig({ failurePolicy: 'Ignore', rules: '[{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]' }) },
  ],
  invalid: [
    { name: 'a Gatekeeper-style validating webhook on everything, failing open', objects: hookConfig({ failurePolicy: 'Ignore', rules: '[{apiGroups: ["*"], apiVersions: ["*"], operations: [CREATE, UPDATE], resources: ["*"]}]' }), messages: ['failOpen'], paths: ['webhooks[0].failurePolicy'], messageIncludes: 'guards secrets, pods, roles' },
    { name: 'a mutating webhook on deployments, failing open', objects: hookConfig({ kind: 'MutatingWebhookConfiguration', failurePolicy: 'Ignore', rules: '[{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]' }), messages: ['failOpen'], messageIncludes: '(mutating) guards deployments with failurePolicy Ignore' },
    {
      name: 'matchConditions narrow what it sees, but what they let through still fails open',
      objects: hookConfig({ failurePolicy: 'Ignore', extra: 'matchConditions: [{name: not-system, expression: "request.namespace != \'kube-system\'"}, {name: labelled, expression: "has(object.metadata.labels)"}]' }),
      messages: ['failOpen'],
      paths: ['webhooks[0].failurePolicy', 'webhooks[0].matchConditions'],
      messageIncludes: 'guards pods with failurePolicy Ignore',
    },
  ],
});
