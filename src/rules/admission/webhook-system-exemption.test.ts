import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './webhook-system-exemption.js';
import { hookConfig, ns } from './webhook-fixtures.js';

const EXEMPT = '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, policy]}]}';
const NAMESPACES = ns('kube-system') + ns('policy') + ns('a1', '{team: a}');
/** A webhook with these CEL matchConditions (flow YAML strings) and no namespaceSelector. */
const conditions = (...exprs: string[]): string =>
  hookConfig({ extra: `matchConditions: [${exprs.map((e, i) => `{name: c${i}, expression: ${JSON.stringify(e)}}`).join(', ')}]` }) + NAMESPACES;

testRule(rule, {
  valid: [
    { name: 'exempts kube-system and its own namespace by name', objects: hookConfig({ namespaceSelector: EXEMPT }) + NAMESPACES },
    { name: 'selects only labelled namespaces', objects: hookConfig({ namespaceSelector: '{matchLabels: {team: a}}' }) + NAMESPACES },
    { name: 'fails open (cannot lock anything)', objects: hookConfig({ failurePolicy: 'Ignore' }) + NAMESPACES },
    { name: 'cluster-scoped resources only', objects: hookConfig({ rules: '[{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [nodes], scope: Cluster}]' }) + NAMESPACES },
    { name: 'a matchCondition on request.namespace exempts kube-system and its own namespace', objects: conditions('!(request.namespace in ["kube-system", "policy"])') },
    { name: 'namespace-only part of a condition exempts, whatever the rest reads', objects: conditions('request.namespace != "kube-system" && request.namespace != "policy" && object.metadata.name != "x"') },
    { name: 'two conditions, one per namespace', objects: conditions("request.namespace != 'kube-system'", '!request.namespace.startsWith("pol")') },
    { name: 'exemption left to a condition on the object: unknown, never pass', objects: conditions('!has(object.metadata.labels) || object.metadata.labels["tier"] != "system"'), status: 'unknown' },
    { name: 'kube-system exempted by CEL, its own namespace depends on the user: unknown', objects: conditions("request.namespace != 'kube-system'", "request.namespace != 'policy' || request.userInfo.username == 'admin'"), status: 'unknown' },
    { name: 'a condition that cannot be compiled: unknown', objects: conditions('authorizer.group("").resource("pods").check("create").allowed()'), status: 'unknown' },
  ],
  invalid: [
    { name: 'no namespaceSelector: every namespace, its own included', objects: hookConfig() + NAMESPACES, messages: ['lockout'], paths: ['webhooks[0].namespaceSelector'], messageIncludes: "intercepts kube-system and policy: while its backend is down nothing there can be created or changed, including the webhook's own backend in policy" },
    { name: 'exempts its own namespace but not kube-system', objects: hookConfig({ namespaceSelector: '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [policy]}]}' }) + NAMESPACES, messages: ['lockout'], messageIncludes: 'intercepts kube-system: while' },
    { name: 'an external (url) webhook without selector still locks kube-system', objects: hookConfig({ client: 'url: "https://hooks.example.com/v"' }) + NAMESPACES, messages: ['lockout'], messageIncludes: 'intercepts kube-system: while its backend is down nothing there can be created or changed' },
    { name: 'an Ingress webhook (ingress-nginx): its own namespace is intercepted, but not its backend pods', objects: hookConfig({ client: 'service: {namespace: policy, name: hook}', rules: '[{apiGroups: [networking.k8s.io], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [ingresses]}]' }) + NAMESPACES, messages: ['lockout'], messageIncludes: 'intercepts kube-system and policy: while its backend is down nothing there can be created or changed' },
    {
      name: 'a matchCondition that exempts kube-system only: its own namespace stays locked',
      objects: conditions("request.namespace != 'kube-system'"),
      messages: ['lockout'],
      paths: ['webhooks[0].matchConditions'],
      messageIncludes: "intercepts policy: while its backend is down nothing there can be created or changed, including the webhook's own backend in policy",
    },
    { name: 'a matchCondition true in kube-system (it excludes another namespace) does not exempt it', objects: hookConfig({ namespaceSelector: '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [policy]}]}', extra: 'matchConditions: [{name: not-a1, expression: "request.namespace != \'a1\'"}]' }) + NAMESPACES, messages: ['lockout'], messageIncludes: 'intercepts kube-system: while' },
    { name: 'a condition true in both namespaces (it names them) exempts neither', objects: conditions('request.namespace == "kube-system" || request.namespace == "policy"'), messages: ['lockout'], messageIncludes: 'intercepts kube-system and policy' },
  ],
});
