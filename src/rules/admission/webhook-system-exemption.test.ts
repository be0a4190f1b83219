import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './webhook-system-exemption.js';
import { hookConfig, ns } from './webhook-fixtures.js';

const EXEMPT = '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, policy]}]}';
const NAMESPACES = ns('kube-system') + ns('policy') + ns('a1', '{team: a}');

testRule(rule, {
  valid: [
    { name: 'exempts kube-system and its own namespace by name', objects: hookConfig({ namespaceSelector: EXEMPT }) + NAMESPACES },
    { name: 'selects only labelled namespaces', objects: hookConfig({ namespaceSelector: '{matchLabels: {team: a}}' }) + NAMESPACES },
    { name: 'fails open (cannot lock anything)', objects: hookConfig({ failurePolicy: 'Ignore' }) + NAMESPACES },
    { name: 'cluster-scoped resources only', objects: hookConfig({ rules: '[{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [nodes], scope: Cluster}]' }) + NAMESPACES },
    { name: 'matchConditions may exempt kube-system: unknown', objects: hookConfig({ extra: 'matchConditions: [{name: not-system, expression: "request.namespace != \'kube-system\'"}]' }) + NAMESPACES, status: 'unknown' },
  ],
  invalid: [
    { name: 'no namespaceSelector: every namespace, its own included', objects: hookConfig() + NAMESPACES, messages: ['lockout'], paths: ['webhooks[0].namespaceSelector'], messageIncludes: "intercepts kube-system and policy: while its backend is down nothing there can be created or changed, including the webhook's own backend in policy" },
    { name: 'exempts its own namespace but not kube-system', objects: hookConfig({ namespaceSelector: '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [policy]}]}' }) + NAMESPACES, messages: ['lockout'], messageIncludes: 'intercepts kube-system: while' },
    { name: 'an external (url) webhook without selector still locks kube-system', objects: hookConfig({ client: 'url: "https://hooks.example.com/v"' }) + NAMESPACES, messages: ['lockout'], messageIncludes: 'intercepts kube-system: while its backend is down nothing there can be created or changed' },
    { name: 'an Ingress webhook (ingress-nginx): its own namespace is intercepted, but not its backend pods', objects: hookConfig({ client: 'service: {namespace: policy, name: hook}', rules: '[{apiGroups: [networking.k8s.io], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [ingresses]}]' }) + NAMESPACES, messages: ['lockout'], messageIncludes: 'intercepts kube-system and policy: while its backend is down nothing there can be created or changed' },
  ],
});
