import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './run-as-non-root.js';

const pod = (securityContext: string, containerSecurityContext: string, spec = '', namespace = 'a') => podWith({ securityContext, containerSecurityContext, spec, namespace });

testRule(rule, {
  valid: [
    { name: 'pod true, container unset', objects: pod('{runAsNonRoot: true}', '{}') },
    { name: 'pod unset, container true', objects: pod('{}', '{runAsNonRoot: true}') },
    { name: 'both true', objects: pod('{runAsNonRoot: true}', '{runAsNonRoot: true}') },
    { name: 'user namespace at v1.35+', objects: pod('{}', '{runAsNonRoot: false}', 'hostUsers: false'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'nothing set',
      objects: pod('{}', '{}'),
      messages: ['unset'],
      paths: ['spec.containers[0].securityContext.runAsNonRoot'],
      messageIncludes: '"app"',
    },
    { name: 'pod true, container false', objects: pod('{runAsNonRoot: true}', '{runAsNonRoot: false}'), messages: ['containerFalse'], messageIncludes: '"app"' },
    { name: 'pod false, container true', objects: pod('{runAsNonRoot: false}', '{runAsNonRoot: true}'), messages: ['podFalse'], paths: ['spec.securityContext.runAsNonRoot'] },
    { name: 'pod false, container unset', objects: pod('{runAsNonRoot: false}', '{}'), messages: ['podFalse', 'unset'] },
    { name: 'user namespace before v1.35', objects: pod('{}', '{}', 'hostUsers: false', PINNED_NS) + pinned('v1.34'), messages: ['unset'] },
    {
      name: 'init container unset in a StatefulSet template where the app container sets true',
      objects: workload('StatefulSet', `
        initContainers: [{name: init, image: x:1}]
        containers: [{name: app, image: x:1, securityContext: {runAsNonRoot: true}}]`),
      messages: ['unset'],
      paths: ['spec.template.spec.initContainers[0].securityContext.runAsNonRoot'],
      messageIncludes: '"init"',
    },
  ],
});
