import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './readiness-probe.js';

const probe = '{httpGet: {path: /healthz, port: 8080}}';

testRule(rule, {
  valid: [
    {
      name: 'probe set; init container without one is fine',
      objects: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: a}
spec:
  template:
    spec:
      initContainers: [{name: init, image: x:1}]
      containers: [{name: app, image: x:1, readinessProbe: ${probe}}]
`,
    },
    {
      name: 'Job is not applicable',
      objects: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: a}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: app, image: x:1}]}}}\n',
      status: 'not-applicable',
    },
    {
      name: 'Pod controlled by a Job is not applicable',
      objects: `
apiVersion: v1
kind: Pod
metadata:
  name: j-abcde
  namespace: a
  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: j, uid: u1, controller: true}]
spec: {restartPolicy: Never, containers: [{name: app, image: x:1}]}
`,
      status: 'not-applicable',
    },
  ],
  invalid: [
    {
      name: 'Pod without probe',
      objects: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: app, image: x:1}]}\n',
      messages: ['missing'],
      paths: ['spec.containers[0].readinessProbe'],
      messageIncludes: '"app"',
    },
    {
      name: 'second container of a StatefulSet template',
      objects: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s, namespace: a}
spec:
  template:
    spec:
      containers: [{name: app, image: x:1, readinessProbe: ${probe}}, {name: sidecar, image: y:1}]
`,
      messages: ['missing'],
      paths: ['spec.template.spec.containers[1].readinessProbe'],
      messageIncludes: '"sidecar"',
    },
  ],
});
