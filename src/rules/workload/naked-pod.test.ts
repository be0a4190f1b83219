import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './naked-pod.js';

const pod = (owners: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: a
  ownerReferences: ${owners}
spec:
  containers: [{name: app, image: nginx:1.27}]
`;

testRule(rule, {
  valid: [
    { name: 'owned by a ReplicaSet', objects: pod('[{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: u1, controller: true}]') },
    { name: 'static pod mirrored from a Node', objects: pod('[{apiVersion: v1, kind: Node, name: n1, uid: u2, controller: true}]') },
  ],
  invalid: [
    { name: 'no owners', objects: pod('[]'), messages: ['naked'], paths: ['metadata.ownerReferences'], messageIncludes: '"p"' },
    { name: 'owner reference without controller', objects: pod('[{apiVersion: v1, kind: ConfigMap, name: c, uid: u3}]'), messages: ['naked'] },
  ],
});
