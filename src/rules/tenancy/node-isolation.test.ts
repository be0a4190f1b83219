import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './node-isolation.js';
import { docs, namespaceYaml } from './fixtures.js';

const NODES = `apiVersion: v1
kind: Node
metadata: {name: n-acme, labels: {palisade.dev/tenant: acme}}
spec: {taints: [{key: palisade.dev/tenant, value: acme, effect: NoSchedule}]}
---
apiVersion: v1
kind: Node
metadata: {name: n-globex, labels: {palisade.dev/tenant: globex}}
spec: {taints: [{key: palisade.dev/tenant, value: globex, effect: NoSchedule}]}
`;
const NS = docs(namespaceYaml('g1', 'globex'), namespaceYaml('a1', 'acme'), NODES);
const pod = (spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: g1}\nspec: {containers: [{name: c, image: nginx:1.27}], ${spec}}\n`;

testRule(rule, {
  valid: [
    { name: 'own node pool', objects: docs(pod('nodeSelector: {palisade.dev/tenant: globex}, tolerations: [{key: palisade.dev/tenant, value: globex, effect: NoSchedule}]'), NS) },
    { name: 'shared nodes', objects: docs(pod('nodeSelector: {kubernetes.io/os: linux}'), NS) },
  ],
  invalid: [
    { name: 'selects acme nodes', objects: docs(pod('nodeSelector: {palisade.dev/tenant: acme}'), NS), messages: ['selectsOther'], paths: ['spec.nodeSelector["palisade.dev/tenant"]'] },
    {
      name: 'required affinity to acme and a blanket toleration',
      objects: docs(pod('affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: palisade.dev/tenant, operator: In, values: [acme]}]}]}}}, tolerations: [{operator: Exists}]'), NS),
      messages: ['selectsOther', 'toleratesOther'],
      paths: ['spec.tolerations[0]'],
    },
    {
      name: 'tolerates the acme pool taint (<key>-pool)',
      objects: docs(pod('tolerations: [{key: palisade.dev/tenant-pool, operator: Equal, value: acme, effect: NoSchedule}]'), NS, 'apiVersion: v1\nkind: Node\nmetadata: {name: pool-b1}\nspec: {taints: [{key: palisade.dev/tenant-pool, value: acme, effect: NoSchedule}]}\n'),
      messages: ['toleratesOther'],
      messageIncludes: 'tenant acme',
    },
    { name: 'nodeName of an acme node', objects: docs(pod('nodeName: n-acme'), NS), messages: ['pinnedToOther'], messageIncludes: 'n-acme' },
  ],
});

const hardGlobex = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'globex', namespaces: ['g1'], isolation: 'hard' }];
};
const UNTAINTED = 'apiVersion: v1\nkind: Node\nmetadata: {name: n-globex-2, labels: {palisade.dev/tenant: globex}}\nspec: {}\n';

testRule(rule, {
  valid: [
    { name: 'hard tenant on its own tainted pool', objects: docs(pod('nodeSelector: {palisade.dev/tenant: globex}, tolerations: [{key: palisade.dev/tenant, value: globex, effect: NoSchedule}]'), NS), config: hardGlobex },
    { name: 'hard tenant pinned to its own reserved node', objects: docs(pod('nodeName: n-globex'), NS), config: hardGlobex },
    { name: 'hard tenant, no Nodes in the input: the selection is judged', objects: docs(pod('nodeSelector: {palisade.dev/tenant: globex}'), namespaceYaml('g1', 'globex')), config: hardGlobex },
    { name: 'live scan that could not read Nodes', objects: docs(pod('nodeSelector: {palisade.dev/tenant: globex}'), namespaceYaml('g1', 'globex')), config: hardGlobex, mode: 'live', gaps: [{ kind: 'Node', code: 'forbidden', reason: 'nodes is forbidden' }], status: 'unknown' },
  ],
  invalid: [
    { name: 'hard tenant on shared nodes', objects: docs(pod('nodeSelector: {kubernetes.io/os: linux}'), NS), config: hardGlobex, messages: ['notDedicated'], paths: ['spec.nodeSelector'] },
    { name: 'hard tenant pool with an untainted node', objects: docs(pod('nodeSelector: {palisade.dev/tenant: globex}'), NS, UNTAINTED), config: hardGlobex, messages: ['poolNotTainted'], messageIncludes: 'n-globex-2' },
  ],
});
