import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './host-ports.js';

const pod = (ports: string, extra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a}
spec:
  ${extra}
  containers: [{name: app, image: nginx:1.27, ports: ${ports}}]
`;

testRule(rule, {
  valid: [
    { name: 'containerPort only', objects: pod('[{containerPort: 80}]') },
    { name: 'hostPort 0', objects: pod('[{containerPort: 80, hostPort: 0}]') },
    { name: 'no ports', objects: pod('[]') },
    {
      name: 'hostNetwork Deployment template: no defaulting on templates',
      objects: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: a}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: app, image: x:1, ports: [{containerPort: 8080}]}]
`,
    },
  ],
  invalid: [
    {
      name: 'hostPort 8080',
      objects: pod('[{containerPort: 80, hostPort: 8080}]'),
      messages: ['hostPort'],
      paths: ['spec.containers[0].ports[0].hostPort'],
      messageIncludes: '8080',
    },
    {
      name: 'hostNetwork pod: hostPort defaults to containerPort',
      objects: pod('[{containerPort: 9100}]', 'hostNetwork: true'),
      messages: ['hostPort'],
      paths: ['spec.containers[0].ports[0].hostPort'],
      messageIncludes: '9100',
    },
    {
      name: 'init container in a ReplicaSet template',
      objects: `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: r, namespace: a}
spec:
  template:
    spec:
      initContainers: [{name: init, image: x:1, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}]
      containers: [{name: app, image: x:1}]
`,
      messages: ['hostPort'],
      paths: ['spec.template.spec.initContainers[0].ports[0].hostPort'],
      messageIncludes: '"init"',
    },
  ],
});
