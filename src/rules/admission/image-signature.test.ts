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

testRule(rule, {
  valid: [
    { name: 'Kyverno verifyImages enforcing on every Pod', objects: doc(TENANTS, kyverno('Enforce', ALL_PODS)) },
    { name: 'sigstore ClusterImagePolicy with both namespaces opted in', objects: doc(ns('a1', 'acme', 'policy.sigstore.dev/include: "true"'), ns('g1', 'globex', 'policy.sigstore.dev/include: "true"'), CIP) },
    {
      name: 'Ratify constraint (deny) on Pods in both namespaces',
      objects: doc(TENANTS, 'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: RatifyVerification\nmetadata: {name: ratify-constraint}\nspec: {enforcementAction: deny, match: {kinds: [{apiGroups: [""], kinds: [Pod]}], namespaces: [a1, g1]}}\n'),
    },
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
    { name: 'live scan: no policy at all (the kinds are known empty)', objects: doc(TENANTS), mode: 'live', messages: ['uncovered'] },
  ],
});
