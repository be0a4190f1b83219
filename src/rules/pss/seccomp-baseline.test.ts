import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './seccomp-baseline.js';

const pod = (podSc: string, containerSc: string, annotations = '{}', ns = 'a') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${ns}, annotations: ${annotations}}
spec:
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
    { name: 'RuntimeDefault and Localhost', objects: pod('{seccompProfile: {type: RuntimeDefault}}', '{seccompProfile: {type: Localhost, localhostProfile: p.json}}') },
    { name: 'alpha annotation ignored from v1.19', objects: pod('{}', '{}', '{seccomp.security.alpha.kubernetes.io/pod: unconfined}') },
    { name: 'v1.18: allowed annotation values', objects: pod('{}', '{}', '{seccomp.security.alpha.kubernetes.io/pod: docker/default, container.seccomp.security.alpha.kubernetes.io/app: localhost/x}', 'old') + pinned('v1.18') },
    { name: 'v1.18: fields are not read', objects: pod('{seccompProfile: {type: Unconfined}}', '{}', '{}', 'old') + pinned('v1.18') },
  ],
  invalid: [
    {
      name: 'pod Unconfined',
      objects: pod('{seccompProfile: {type: Unconfined}}', '{}'),
      messages: ['pod'],
      paths: ['spec.securityContext.seccompProfile.type'],
    },
    {
      name: 'container Unconfined under a RuntimeDefault pod',
      objects: pod('{seccompProfile: {type: RuntimeDefault}}', '{seccompProfile: {type: Unconfined}}'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.seccompProfile.type'],
      messageIncludes: '"app"',
    },
    {
      name: 'v1.18: unconfined annotation for the container',
      objects: pod('{}', '{}', '{container.seccomp.security.alpha.kubernetes.io/app: unconfined}', 'old') + pinned('v1.18'),
      messages: ['annotation'],
      paths: ['metadata.annotations["container.seccomp.security.alpha.kubernetes.io/app"]'],
    },
    {
      name: 'init container in a Job template',
      objects: `
apiVersion: batch/v1
kind: Job
metadata: {name: j, namespace: a}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers: [{name: init, image: x:1, securityContext: {seccompProfile: {type: Unconfined}}}]
      containers: [{name: app, image: x:1}]
`,
      messages: ['container'],
      paths: ['spec.template.spec.initContainers[0].securityContext.seccompProfile.type'],
    },
  ],
});
