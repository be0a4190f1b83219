import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './webhook-external-url.js';
import { hookConfig } from './webhook-fixtures.js';

const URL = 'url: "https://hooks.example.com:8443/validate"';

testRule(rule, {
  valid: [
    { name: 'a webhook served by an in-cluster Service', objects: hookConfig() },
    { name: 'an external webhook on a custom resource only', objects: hookConfig({ client: URL, rules: '[{apiGroups: [example.com], apiVersions: [v1], operations: [CREATE], resources: [widgets]}]' }) },
    { name: 'an external webhook on pod subresources only (pods/exec is not the pod object)', objects: hookConfig({ client: URL, rules: '[{apiGroups: [""], apiVersions: [v1], operations: [CONNECT], resources: [pods/exec]}]' }) },
    { name: 'a configuration without webhooks', objects: 'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata: {name: empty}\n', status: 'not-applicable' },
  ],
  invalid: [
    { name: 'an external webhook on pods', objects: hookConfig({ client: URL }), messages: ['external'], paths: ['webhooks[0].clientConfig.url', 'webhooks[0].rules'], messageIncludes: 'hook.example.com (validating) sends pods admission requests to hooks.example.com:8443' },
    { name: 'an external mutating webhook on everything (`*/*`)', objects: hookConfig({ kind: 'MutatingWebhookConfiguration', client: URL, rules: '[{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*/*"]}]' }), messages: ['external'], messageIncludes: '(mutating) sends secrets, pods, roles, rolebindings, clusterroles, clusterrolebindings admission' },
    { name: 'an external webhook on Secrets through `*` resources of the core group', objects: hookConfig({ client: URL, rules: '[{apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: ["*"]}]' }), messages: ['external'], messageIncludes: 'sends secrets, pods admission' },
    { name: 'an external webhook on RBAC bindings', objects: hookConfig({ client: URL, rules: '[{apiGroups: [rbac.authorization.k8s.io], apiVersions: [v1], operations: [CREATE], resources: [clusterrolebindings, rolebindings]}]' }), messages: ['external'], messageIncludes: 'sends rolebindings, clusterrolebindings admission' },
  ],
});
