import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './default-service-account.js';

const pod = (fields: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a}
spec:
  ${fields}
  containers: [{name: app, image: nginx:1.27}]
`;

testRule(rule, {
  valid: [
    {
      name: 'a static (mirror) pod cannot use a ServiceAccount',
      status: 'not-applicable',
      objects: `
apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver-cp1
  namespace: kube-system
  annotations: {kubernetes.io/config.mirror: abc123}
spec:
  containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.36.3}]
`,
    },
    { name: 'dedicated SA', objects: pod('serviceAccountName: web') },
    { name: 'deprecated serviceAccount field', objects: pod('serviceAccount: web') },
  ],
  invalid: [
    { name: 'unset', objects: pod(''), messages: ['defaultSa'], paths: ['spec.serviceAccountName'], messageIncludes: 'not set' },
    { name: 'explicit default', objects: pod('serviceAccountName: default'), messages: ['defaultSa'], messageIncludes: 'serviceAccountName: default' },
    { name: 'empty string', objects: pod('serviceAccountName: ""'), messages: ['defaultSa'] },
    {
      name: 'Job template',
      objects: `
apiVersion: batch/v1
kind: Job
metadata: {name: j, namespace: a}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: app, image: x:1}]
`,
      messages: ['defaultSa'],
      paths: ['spec.template.spec.serviceAccountName'],
    },
  ],
});
