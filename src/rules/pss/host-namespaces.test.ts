import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './host-namespaces.js';

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
    { name: 'nothing set', objects: pod('') },
    { name: 'all false', objects: pod('hostNetwork: false\n  hostPID: false\n  hostIPC: false') },
  ],
  invalid: [
    { name: 'hostNetwork', objects: pod('hostNetwork: true'), messages: ['hostNamespace'], paths: ['spec.hostNetwork'], messageIncludes: 'hostNetwork' },
    { name: 'hostPID', objects: pod('hostPID: true'), messages: ['hostNamespace'], paths: ['spec.hostPID'] },
    { name: 'hostIPC', objects: pod('hostIPC: true'), messages: ['hostNamespace'], paths: ['spec.hostIPC'] },
    {
      name: 'all three in a CronJob template',
      objects: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: a}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          hostPID: true
          hostIPC: true
          containers: [{name: app, image: x:1}]
`,
      messages: ['hostNamespace'],
      paths: ['spec.jobTemplate.spec.template.spec.hostNetwork', 'spec.jobTemplate.spec.template.spec.hostPID', 'spec.jobTemplate.spec.template.spec.hostIPC'],
    },
  ],
});
