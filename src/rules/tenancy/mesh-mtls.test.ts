import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './mesh-mtls.js';
import { docs, tenantYaml } from './fixtures.js';

const TENANT = tenantYaml('acme', ['a1', 'a2']);
const ns = (name: string, labels = '', annotations = ''): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {palisade.dev/tenant: acme${labels ? `, ${labels}` : ''}}${annotations ? `, annotations: {${annotations}}` : ''}}\n`;
const ISTIO = 'istio-injection: enabled';
const pa = (namespace: string, name: string, spec: string): string =>
  `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: ${spec}\n`;
const MESH_STRICT = pa('istio-system', 'default', '{mtls: {mode: STRICT}}');
const LINKERD = 'linkerd.io/inject: enabled';

testRule(rule, {
  valid: [
    { name: 'Istio: mesh-wide STRICT in the root namespace', objects: docs(TENANT, ns('a1', ISTIO), ns('a2', 'istio.io/rev: stable'), MESH_STRICT) },
    { name: 'Istio: STRICT per namespace', objects: docs(TENANT, ns('a1', ISTIO), ns('a2', ISTIO), pa('a1', 'default', '{mtls: {mode: STRICT}}'), pa('a2', 'default', '{mtls: {mode: STRICT}}')) },
    { name: 'Linkerd: all-authenticated on both namespaces', objects: docs(TENANT, ns('a1', '', `${LINKERD}, config.linkerd.io/default-inbound-policy: all-authenticated`), ns('a2', '', `${LINKERD}, config.linkerd.io/default-inbound-policy: deny`)) },
    { name: 'no mesh in the input', objects: docs(TENANT, ns('a1'), ns('a2')), status: 'not-applicable' },
    { name: 'Linkerd without annotation or visible cluster default', objects: docs(TENANT, ns('a1', '', LINKERD), ns('a2', '', LINKERD)), status: 'unknown' },
    { name: 'live: PeerAuthentications could not be read', objects: docs(TENANT, ns('a1', ISTIO), ns('a2', ISTIO)), mode: 'live', gaps: [{ kind: 'PeerAuthentication', code: 'forbidden', reason: 'forbidden' }], status: 'unknown' },
  ],
  invalid: [
    { name: 'Istio default is PERMISSIVE', objects: docs(TENANT, ns('a1', ISTIO), ns('a2', ISTIO)), messages: ['notStrict'], messageIncludes: 'a1, a2' },
    { name: 'a namespace PERMISSIVE policy overrides mesh-wide STRICT', objects: docs(TENANT, ns('a1', ISTIO), ns('a2', ISTIO), MESH_STRICT, pa('a2', 'default', '{mtls: {mode: PERMISSIVE}}')), messages: ['notStrict'], paths: ['Namespace/a2'] },
    { name: 'a workload policy disables mTLS on a port', objects: docs(TENANT, ns('a1', ISTIO), ns('a2', ISTIO), MESH_STRICT, pa('a1', 'legacy', '{selector: {matchLabels: {app: legacy}}, mtls: {mode: STRICT}, portLevelMtls: {"8080": {mode: DISABLE}}}')), messages: ['weakened'], messageIncludes: 'PeerAuthentication/a1/legacy' },
    { name: 'one namespace outside the mesh', objects: docs(TENANT, ns('a1', ISTIO), ns('a2'), MESH_STRICT), messages: ['notMeshed'], messageIncludes: 'a2' },
    {
      name: 'Linkerd: cluster default all-unauthenticated from linkerd-destination',
      objects: docs(TENANT, ns('a1', '', LINKERD), ns('a2', '', `${LINKERD}, config.linkerd.io/default-inbound-policy: all-authenticated`), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: linkerd-destination, namespace: linkerd}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: policy, image: cr.l5d.io/linkerd/policy-controller:edge, args: ["--default-policy=all-unauthenticated"]}]}}}\n'),
      messages: ['notStrict'],
      messageIncludes: 'in a1',
    },
  ],
});
