import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './service-exposure.js';
import { docs, namespaceYaml } from './fixtures.js';

const svc = (spec: string, ns = 'a1'): string => `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ${ns}}\nspec: ${spec}\n`;
const NS = namespaceYaml('a1', 'acme');

testRule(rule, {
  valid: [
    { name: 'ClusterIP', objects: docs(svc('{type: ClusterIP, ports: [{port: 80}]}'), NS) },
    { name: 'type omitted', objects: docs(svc('{ports: [{port: 80}]}'), NS) },
    { name: 'NodePort in a system namespace', objects: docs(svc('{type: NodePort}', 'kube-system'), namespaceYaml('kube-system')), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'NodePort', objects: docs(svc('{type: NodePort, ports: [{port: 80, nodePort: 30080}]}'), NS), messages: ['nodePort'], paths: ['spec.type'] },
    { name: 'LoadBalancer without source ranges', objects: docs(svc('{type: LoadBalancer}'), NS), messages: ['loadBalancer'], messageIncludes: 'open to any source' },
    { name: 'LoadBalancer with externalIPs', objects: docs(svc('{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8], externalIPs: [1.2.3.4]}'), NS), messages: ['externalIPs', 'loadBalancer'], paths: ['spec.externalIPs'] },
  ],
});
