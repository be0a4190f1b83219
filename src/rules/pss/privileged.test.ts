import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './privileged.js';

const pod = (containerSecurityContext: string) => podWith({ containerSecurityContext });

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
      objects: workload('Deployment', `
        initContainers: [{name: init, image: busybox:1, securityContext: {privileged: true}}]
        containers: [{name: app, image: nginx:1.27}]`),
      messages: ['privileged'],
      paths: ['spec.template.spec.initContainers[0].securityContext.privileged'],
    },
  ],
});
