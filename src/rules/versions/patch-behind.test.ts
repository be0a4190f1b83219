import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './patch-behind.js';

const node = (kubelet: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {nodeInfo: {kubeletVersion: ${kubelet}}}\n`;
const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: cluster}\n';

testRule(rule, {
  valid: [
    { name: 'on the latest patch', objects: node('v1.36.3') },
    { name: 'control plane on the latest patch (distribution suffix ignored)', objects: cluster, cluster: { version: 'v1.36.3-eks-4f4795d' } },
    { name: 'end-of-life minors are the other rule', objects: node('v1.30.2'), status: 'not-applicable' },
    { name: 'no kubeletVersion', objects: 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n', status: 'unknown' },
    { name: 'data older than a year at scan time', objects: node('v1.36.1'), now: new Date('2028-01-01T00:00:00Z'), status: 'unknown' },
  ],
  invalid: [
    { name: 'kubelet two patches behind', objects: node('v1.36.1'), messages: ['behind'], paths: ['Node/n1 status.nodeInfo.kubeletVersion'], messageIncludes: 'the latest 1.36 patch is 1.36.3' },
    { name: 'control plane behind', objects: cluster, cluster: { version: 'v1.35.0' }, messages: ['behind'], messageIncludes: 'The control plane runs Kubernetes v1.35.0' },
  ],
});
