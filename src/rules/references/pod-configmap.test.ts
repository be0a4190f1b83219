import { workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pod-configmap.js';

const cm = (name: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: a}\n`;
const d = (spec: string) => workload('Deployment', spec);

testRule(rule, {
  valid: [
    { name: 'volume and env from existing ConfigMaps', objects: d('volumes: [{name: c, configMap: {name: app-config}}]\ncontainers: [{name: app, image: x:1, envFrom: [{configMapRef: {name: app-env}}]}]') + cm('app-config') + cm('app-env') },
    { name: 'optional references may be missing', objects: d('volumes: [{name: c, configMap: {name: nope, optional: true}}]\ncontainers: [{name: app, image: x:1, env: [{name: A, valueFrom: {configMapKeyRef: {name: nope, key: a, optional: true}}}]}]') + cm('other'), status: 'not-applicable' },
    { name: 'kube-root-ca.crt is published in every namespace', objects: d('volumes: [{name: t, projected: {sources: [{configMap: {name: kube-root-ca.crt}}]}}]\ncontainers: [{name: app, image: x:1}]'), status: 'not-applicable' },
    { name: 'no ConfigMap named', objects: d('containers: [{name: app, image: x:1}]'), status: 'not-applicable' },
    { name: 'offline input without any ConfigMap cannot tell', objects: d('volumes: [{name: c, configMap: {name: app-config}}]\ncontainers: [{name: app, image: x:1}]'), status: 'unknown' },
  ],
  invalid: [
    {
      name: 'missing volume and env ConfigMaps',
      objects: d('volumes: [{name: c, configMap: {name: app-config}}]\ncontainers: [{name: app, image: x:1, env: [{name: A, valueFrom: {configMapKeyRef: {name: flags, key: a}}}]}]') + cm('other'),
      messages: ['missing'],
      paths: ['spec.template.spec.volumes[0].configMap.name', 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name'],
      messageIncludes: 'ConfigMap app-config, flags, missing from namespace a',
    },
    { name: 'projected source missing', objects: d('volumes: [{name: t, projected: {sources: [{configMap: {name: bundle}}]}}]\ncontainers: [{name: app, image: x:1}]') + cm('other'), messages: ['missing'] },
  ],
});
