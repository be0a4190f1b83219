import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './secrets-in-env.js';

const pod = (container: string) => podWith({ container });

testRule(rule, {
  valid: [
    { name: 'literal and ConfigMap env', objects: pod('env: [{name: A, value: "1"}, {name: B, valueFrom: {configMapKeyRef: {name: c, key: k}}}]\nenvFrom: [{configMapRef: {name: c}}]') },
    { name: 'Secret as a volume', objects: pod('volumeMounts: [{name: s, mountPath: /etc/s}]') },
  ],
  invalid: [
    {
      name: 'secretKeyRef',
      objects: pod('env: [{name: A, value: "1"}, {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]'),
      messages: ['secretKeyRef'],
      paths: ['spec.containers[0].env[1].valueFrom.secretKeyRef'],
      messageIncludes: 'DB_PASSWORD',
    },
    { name: 'envFrom secretRef', objects: pod('envFrom: [{secretRef: {name: api-keys}}]'), messages: ['secretRef'], paths: ['spec.containers[0].envFrom[0].secretRef'], messageIncludes: '"api-keys"' },
    {
      name: 'both in a Deployment init container',
      objects: workload('Deployment', `
        initContainers:
        - name: migrate
          image: x:1
          env: [{name: T, valueFrom: {secretKeyRef: {name: t, key: token}}}]
          envFrom: [{secretRef: {name: all}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['secretKeyRef', 'secretRef'],
      paths: ['spec.template.spec.initContainers[0].env[0].valueFrom.secretKeyRef', 'spec.template.spec.initContainers[0].envFrom[0].secretRef'],
    },
  ],
});
