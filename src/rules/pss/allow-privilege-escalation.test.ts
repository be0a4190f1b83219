import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './allow-privilege-escalation.js';

const pod = (sc: string, extra = '', ns = 'a') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${ns}}
spec:
  ${extra}
  containers: [{name: app, image: nginx:1.27, securityContext: ${sc}}]
`;
const pinned = (version: string) => `
---
apiVersion: v1
kind: Namespace
metadata: {name: old, labels: {pod-security.kubernetes.io/enforce-version: ${version}}}
`;

testRule(rule, {
  valid: [
    { name: 'false', objects: pod('{allowPrivilegeEscalation: false}') },
    { name: 'Windows pod from v1.25', objects: pod('{}', 'os: {name: windows}'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'unset',
      objects: pod('{}'),
      messages: ['escalation'],
      paths: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
      messageIncludes: '"app"',
    },
    { name: 'no securityContext at all', objects: pod('null'), messages: ['escalation'] },
    { name: 'true', objects: pod('{allowPrivilegeEscalation: true}'), messages: ['escalation'], messageIncludes: 'true' },
    { name: 'Linux os is not exempt', objects: pod('{}', 'os: {name: linux}'), messages: ['escalation'] },
    { name: 'Windows pod before v1.25', objects: pod('{}', 'os: {name: windows}', 'old') + pinned('v1.24'), messages: ['escalation'] },
    {
      name: 'init and ephemeral containers in a Deployment template',
      objects: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: a}
spec:
  template:
    spec:
      initContainers: [{name: init, image: x:1}]
      containers: [{name: app, image: x:1, securityContext: {allowPrivilegeEscalation: false}}]
      ephemeralContainers: [{name: dbg, image: x:1, securityContext: {allowPrivilegeEscalation: true}}]
`,
      messages: ['escalation'],
      paths: ['spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation', 'spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation'],
    },
  ],
});
