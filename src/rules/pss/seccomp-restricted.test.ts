import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './seccomp-restricted.js';

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
const RD = '{seccompProfile: {type: RuntimeDefault}}';

testRule(rule, {
  valid: [
    { name: 'pod RuntimeDefault, container unset', objects: pod(RD, '{}') },
    { name: 'pod unset, container Localhost', objects: pod('{}', '{seccompProfile: {type: Localhost, localhostProfile: p.json}}') },
    { name: 'Windows pod from v1.25', objects: pod('{}', '{}', 'os: {name: windows}'), status: 'not-applicable' },
    { name: 'before v1.19 the check does not exist', objects: pod('{}', '{}', '', 'old') + pinned('v1.18'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'nothing set',
      objects: pod('{}', '{}'),
      messages: ['unset'],
      paths: ['spec.containers[0].securityContext.seccompProfile.type'],
      messageIncludes: '"app"',
    },
    { name: 'pod Unconfined, container RuntimeDefault', objects: pod('{seccompProfile: {type: Unconfined}}', RD), messages: ['pod'], paths: ['spec.securityContext.seccompProfile.type'] },
    { name: 'pod RuntimeDefault, container Unconfined', objects: pod(RD, '{seccompProfile: {type: Unconfined}}'), messages: ['container'] },
    { name: 'Windows pod before v1.25', objects: pod('{}', '{}', 'os: {name: windows}', 'old') + pinned('v1.24'), messages: ['unset'] },
    {
      name: 'one init container without a profile in a Job template',
      objects: `
apiVersion: batch/v1
kind: Job
metadata: {name: j, namespace: a}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers: [{name: init, image: x:1}]
      containers: [{name: app, image: x:1, securityContext: ${RD}}]
`,
      messages: ['unset'],
      paths: ['spec.template.spec.initContainers[0].securityContext.seccompProfile.type'],
      messageIncludes: '"init"',
    },
  ],
});
