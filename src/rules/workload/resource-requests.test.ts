import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './resource-requests.js';

const pod = (resources: string, spec = '') => podWith({ container: `resources: ${resources}`, spec });

testRule(rule, {
  valid: [
    { name: 'both requests', objects: pod('{requests: {cpu: 100m, memory: 64Mi}}') },
    { name: 'limits only (requests default to limits)', objects: pod('{limits: {cpu: 100m, memory: 64Mi}}') },
    { name: 'pod-level requests', objects: pod('{}', 'resources: {requests: {cpu: 200m, memory: 128Mi}}') },
    { name: 'object without pod spec', objects: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: a}\nspec: {}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'no resources',
      objects: pod('{}'),
      messages: ['missing'],
      paths: ['spec.containers[0].resources.requests.cpu', 'spec.containers[0].resources.requests.memory'],
      messageIncludes: '"app" has no cpu and memory request',
    },
    { name: 'memory missing', objects: pod('{requests: {cpu: 100m}}'), messages: ['missing'], messageIncludes: 'no memory request' },
    {
      name: 'init container of a Deployment template',
      objects: workload('Deployment', `
        initContainers: [{name: init, image: x:1}]
        containers: [{name: app, image: x:1, resources: {requests: {cpu: 1, memory: 1Gi}}}]`),
      messages: ['missing'],
      paths: ['spec.template.spec.initContainers[0].resources.requests.cpu'],
      messageIncludes: '"init"',
    },
  ],
});
