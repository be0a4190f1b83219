import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './run-as-user.js';

const pod = (podSc: string, containerSc: string, extra = '', ns = 'a') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${ns}}
spec:
  ${extra}
  securityContext: ${podSc}
  containers: [{name: app, image: nginx:1.27, securityContext: ${containerSc}}]
`;
const pinned = (version: string) => `
---
apiVersion: v1
kind: Namespace
metadata: {name: old, labels: {pod-security.kubernetes.io/enforce-version: ${version}}}
`;

testRule(rule, {
  valid: [
    { name: 'unset', objects: pod('{}', '{}') },
    { name: 'non-zero', objects: pod('{runAsUser: 1000}', '{runAsUser: 65534}') },
    { name: 'user namespace at v1.35+', objects: pod('{runAsUser: 0}', '{}', 'hostUsers: false'), status: 'not-applicable' },
    { name: 'before v1.23 the check does not exist', objects: pod('{runAsUser: 0}', '{}', '', 'old') + pinned('v1.22'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'pod 0', objects: pod('{runAsUser: 0}', '{}'), messages: ['pod'], paths: ['spec.securityContext.runAsUser'] },
    {
      name: 'container 0 under a non-root pod',
      objects: pod('{runAsUser: 1000}', '{runAsUser: 0}'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.runAsUser'],
      messageIncludes: '"app"',
    },
    { name: 'user namespace before v1.35', objects: pod('{runAsUser: 0}', '{}', 'hostUsers: false', 'old') + pinned('v1.34'), messages: ['pod'] },
    {
      name: 'ephemeral container in a DaemonSet template',
      objects: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds, namespace: a}
spec:
  template:
    spec:
      containers: [{name: app, image: x:1}]
      ephemeralContainers: [{name: dbg, image: x:1, securityContext: {runAsUser: 0}}]
`,
      messages: ['container'],
      paths: ['spec.template.spec.ephemeralContainers[0].securityContext.runAsUser'],
    },
  ],
});
