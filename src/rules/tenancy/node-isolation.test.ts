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
