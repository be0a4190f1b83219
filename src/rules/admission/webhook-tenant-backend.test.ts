import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './webhook-tenant-backend.js';
import { hookConfig, ns } from './webhook-fixtures.js';

const NAMESPACES = ns('a1', '{palisade.dev/tenant: acme}') + ns('a2', '{palisade.dev/tenant: acme}') + ns('g1', '{palisade.dev/tenant: globex}') + ns('kube-system') + ns('policy');
const TENANT_SVC = 'service: {namespace: a1, name: hook}';
const NAMESPACED = '[{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods], scope: Namespaced}]';

testRule(rule, {
  valid: [
    { name: 'served from a platform namespace', objects: hookConfig() + NAMESPACES, status: 'not-applicable' },
    { name: 'a tenant webhook limited to its tenant\'s namespaces and namespaced resources', objects: hookConfig({ client: TENANT_SVC, rules: NAMESPACED, namespaceSelector: '{matchLabels: {palisade.dev/tenant: acme}}' }) + NAMESPACES },
  ],
  invalid: [
    {
      name: 'a tenant serves a webhook on every namespace',
      objects: hookConfig({ client: TENANT_SVC, rules: NAMESPACED }) + NAMESPACES,
      messages: ['tenantBackend'],
      paths: ['webhooks[0].clientConfig.service.namespace'],
      messageIncludes: 'is served by tenant acme (a1/hook) and sees requests in g1, kube-system, policy',
    },
    {
      name: 'confined by namespace but also cluster-scoped resources (scope defaults to *)',
      objects: hookConfig({ kind: 'MutatingWebhookConfiguration', client: TENANT_SVC, namespaceSelector: '{matchLabels: {palisade.dev/tenant: acme}}' }) + NAMESPACES,
      messages: ['tenantBackend'],
      messageIncludes: 'sees requests for cluster-scoped resources',
    },
  ],
});
