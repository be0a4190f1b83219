import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './image-signature.js';

const CLUSTER = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const ns = (name: string, tenant: string, labels = ''): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {palisade.dev/tenant: ${tenant}${labels ? `, ${labels}` : ''}}}\n`;
const TENANTS = [ns('a1', 'acme'), ns('g1', 'globex')].join('---\n');
const kyverno = (action: string, match: string, extra = ''): string => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: verify-signatures}
spec:
  validationFailureAction: ${action}
  rules:
    - name: cosign
      match: ${match}
${extra}      verifyImages:
        - imageReferences: ["registry.example.com/*"]
          attestors: [{entries: [{keys: {publicKeys: "-----BEGIN PUBLIC KEY-----"}}]}]
`;
const ALL_PODS = '{any: [{resources: {kinds: [Pod]}}]}';
const doc = (...parts: string[]): string => [CLUSTER, ...parts].join('---\n');
const CIP = 'apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata: {name: signed}\nspec: {images: [{glob: "**"}], authorities: [{keyless: {url: "https://fulcio.sigstore.dev"}}]}\n';

/** Connaisseur's chart: a MutatingWebhookConfiguration on pods and pod controllers, served from its own namespace. */
const connaisseur = (extra = '', failurePolicy = 'Fail'): string => `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: connaisseur-webhook}
webhooks:
  - name: connaisseur-svc.connaisseur.svc
    clientConfig: {service: {namespace: connaisseur, name: connaisseur-svc, path: /mutate}}
    rules: [{operations: [CREATE, UPDATE], apiGroups: ["*"], apiVersions: ["*"], resources: [pods, deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs]}]
    failurePolicy: ${failurePolicy}
    sideEffects: None
    admissionReviewVersions: [v1]
${extra}`;
/** Connaisseur's namespaced validation in \`validate\` mode: only namespaces labelled for it. */
const CONNAISSEUR_VALIDATE = '    namespaceSelector: {matchLabels: {securesystemsengineering.connaisseur/webhook: validate}}\n';
const ivp = (extra = '', actions = '[Deny]'): string => `apiVersion: policies.kyverno.io/v1alpha1
kind: ImageValidatingPolicy
metadata: {name: verify-cosign}
spec:
  validationActions: ${actions}
  matchConstraints:
    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}]
${extra}  attestors: [{name: cosign, cosign: {key: {data: "-----BEGIN PUBLIC KEY-----"}}}]
  validations: [{expression: "images.containers.map(image, verifyImageSignatures(image, [attestors.cosign])).all(e, e > 0)"}]
`;
const VAP_REGISTRY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: pinned-registry}
spec:
  matchConstraints: {resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]}
  validations: [{expression: "object.spec.containers.all(c, c.image.startsWith('registry.example.com/'))"}]
`;

testRule(rule, {
  valid: [
    { name: 'Kyverno verifyImages enforcing on every Pod', objects: doc(TENANTS, kyverno('Enforce', ALL_PODS)) },
    { name: 'sigstore ClusterImagePolicy with both namespaces opted in', objects: doc(ns('a1', 'acme', 'policy.sigstore.dev/include: "true"'), ns('g1', 'globex', 'policy.sigstore.dev/include: "true"'), CIP) },
    {
      name: 'Ratify constraint (deny) on Pods in both namespaces',
      objects: doc(TENANTS, 'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: RatifyVerification\nmetadata: {name: ratify-constraint}\nspec: {enforcementAction: deny, match: {kinds: [{apiGroups: [""], kinds: [Pod]}], namespaces: [a1, g1]}}\n'),
    },
    { name: 'Connaisseur webhook on pods, failing closed, every namespace', objects: doc(TENANTS, connaisseur()) },
    { name: 'Connaisseur in validate mode with both namespaces labelled', objects: doc(ns('a1', 'acme', 'securesystemsengineering.connaisseur/webhook: validate'), ns('g1', 'globex', 'securesystemsengineering.connaisseur/webhook: validate'), connaisseur(CONNAISSEUR_VALIDATE)) },
    { name: 'Kyverno ImageValidatingPolicy denying on pods', objects: doc(TENANTS, ivp()) },
    { name: 'ImageValidatingPolicy whose matchCondition only leaves kube-system out', objects: doc(TENANTS, ivp('  matchConditions: [{name: not-system, expression: "request.namespace != \'kube-system\'"}]\n')) },
    { name: 'Connaisseur skipping pods by CEL on the object: unknown, not pass', objects: doc(TENANTS, connaisseur('    matchConditions: [{name: not-opted-out, expression: "!has(object.metadata.labels) || !(\'skip-verify\' in object.metadata.labels)"}]\n')), status: 'unknown' },
    { name: 'Connaisseur with an objectSelector: pods choose by their labels, unknown', objects: doc(TENANTS, connaisseur('    objectSelector: {matchExpressions: [{key: skip-verify, operator: DoesNotExist}]}\n')), status: 'unknown' },
    { name: 'Kyverno rule with preconditions: decided per request, unknown', objects: doc(TENANTS, kyverno('Enforce', ALL_PODS, '      preconditions: {all: [{key: "{{request.operation}}", operator: Equals, value: CREATE}]}\n')), status: 'unknown' },
    { name: 'no tenants', objects: doc(kyverno('Enforce', ALL_PODS)), status: 'not-applicable' },
    { name: 'offline input without any signature policy: unknown, not fail', objects: doc(TENANTS), status: 'unknown' },
    { name: 'live scan that could not read ClusterPolicies', objects: doc(TENANTS), mode: 'live', gaps: [{ kind: 'ClusterPolicy', code: 'forbidden', reason: 'clusterpolicies.kyverno.io is forbidden' }], status: 'unknown' },
  ],
  invalid: [
    { name: 'Kyverno policy in Audit mode only', objects: doc(TENANTS, kyverno('Audit', ALL_PODS)), messages: ['uncovered'], messageIncludes: 'a1 (acme), g1 (globex)' },
    { name: 'Kyverno policy matching acme only', objects: doc(TENANTS, kyverno('Enforce', '{any: [{resources: {kinds: [Pod], namespaces: ["a*"]}}]}')), messages: ['uncovered'], messageIncludes: '1 tenant namespace(s): g1 (globex)' },
    {
      name: 'Kyverno policy excluding globex by namespace',
      objects: doc(TENANTS, kyverno('Enforce', ALL_PODS, '      exclude: {any: [{resources: {namespaces: [g1]}}]}\n')),
      messages: ['uncovered'],
      messageIncludes: 'g1 (globex)',
    },
    { name: 'ClusterImagePolicy but globex not opted in', objects: doc(ns('a1', 'acme', 'policy.sigstore.dev/include: "true"'), ns('g1', 'globex'), CIP), messages: ['uncovered'], messageIncludes: 'g1 (globex)' },
    { name: 'Connaisseur in validate mode, globex not labelled', objects: doc(ns('a1', 'acme', 'securesystemsengineering.connaisseur/webhook: validate'), ns('g1', 'globex'), connaisseur(CONNAISSEUR_VALIDATE)), messages: ['uncovered'], messageIncludes: '1 tenant namespace(s): g1 (globex)' },
    { name: 'Connaisseur failing open (detection only when it is down)', objects: doc(TENANTS, connaisseur('', 'Ignore')), messages: ['uncovered'], messageIncludes: 'a1 (acme), g1 (globex)' },
    {
      name: 'a Connaisseur webhook on deployments only: the pods they create are not checked',
      objects: doc(TENANTS, connaisseur().replace('resources: [pods, deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs]', 'resources: [deployments]')),
      messages: ['uncovered'],
    },
    { name: 'ImageValidatingPolicy in Audit only', objects: doc(TENANTS, ivp('', '[Audit]')), messages: ['uncovered'] },
    { name: 'ImageValidatingPolicy whose matchCondition excludes globex by namespace', objects: doc(TENANTS, ivp('  matchConditions: [{name: not-globex, expression: "!request.namespace.startsWith(\'g\')"}]\n')), messages: ['uncovered'], messageIncludes: '1 tenant namespace(s): g1 (globex)' },
    {
      name: 'a ValidatingAdmissionPolicy on images does not verify signatures (named in the evidence)',
      objects: doc(TENANTS, VAP_REGISTRY, kyverno('Enforce', '{any: [{resources: {kinds: [Pod], namespaces: [a1]}}]}')),
      messages: ['uncovered'],
      paths: ['ValidatingAdmissionPolicies on images'],
      messageIncludes: 'g1 (globex)',
    },
    {
      name: 'uncovered outright wins over coverage decided per request',
      objects: doc(TENANTS, kyverno('Enforce', '{any: [{resources: {kinds: [Pod], namespaces: [a1]}}]}', '      preconditions: {all: [{key: "{{request.operation}}", operator: Equals, value: CREATE}]}\n')),
      messages: ['uncovered'],
      paths: ['tenant namespaces covered per request'],
      messageIncludes: '1 tenant namespace(s): g1 (globex)',
    },
    { name: 'live scan: no policy at all (the kinds are known empty)', objects: doc(TENANTS), mode: 'live', messages: ['uncovered'] },
  ],
});
