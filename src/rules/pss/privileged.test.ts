import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './privileged.js';

const pod = (securityContext: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: ${securityContext}
`;

testRule(rule, {
  valid: [
    { name: 'no securityContext', objects: pod('{}') },
    { name: 'privileged false', objects: pod('{privileged: false}') },
  ],
  invalid: [
    {
      name: 'privileged container',
      objects: pod('{privileged: true}'),
      messages: ['privileged'],
      paths: ['spec.containers[0].securityContext.privileged'],
      messageIncludes: '"app"',
    },
    {
      name: 'privileged init container in a Deployment template',
      objects: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: a}
spec:
  template:
    spec:
      initContainers: [{name: init, image: busybox:1, securityContext: {privileged: true}}]
      containers: [{name: app, image: nginx:1.27}]
`,
      messages: ['privileged'],
      paths: ['spec.template.spec.initContainers[0].securityContext.privileged'],
    },
  ],
});
