import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './proc-mount-restricted.js';

const pod = (procMount: string, extra = '', ns = 'a') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${ns}}
spec:
  ${extra}
  containers: [{name: app, image: nginx:1.27, securityContext: {procMount: ${procMount}}}]
`;
const pinned = (version: string) => `
---
apiVersion: v1
kind: Namespace
metadata: {name: old, labels: {pod-security.kubernetes.io/enforce-version: ${version}}}
`;

testRule(rule, {
  valid: [
    { name: 'Default in a user namespace', objects: pod('Default', 'hostUsers: false') },
    { name: 'unset', objects: pod('null') },
    { name: 'before v1.35 the check does not exist', objects: pod('Unmasked', 'hostUsers: false', 'old') + pinned('v1.34'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'Unmasked in a user namespace',
      objects: pod('Unmasked', 'hostUsers: false'),
      messages: ['procMount'],
      paths: ['spec.containers[0].securityContext.procMount'],
      messageIncludes: '"app"',
    },
    {
      name: 'init container in a StatefulSet template',
      objects: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s, namespace: a}
spec:
  template:
    spec:
      hostUsers: false
      initContainers: [{name: init, image: x:1, securityContext: {procMount: Unmasked}}]
      containers: [{name: app, image: x:1}]
`,
      messages: ['procMount'],
      paths: ['spec.template.spec.initContainers[0].securityContext.procMount'],
    },
  ],
});
