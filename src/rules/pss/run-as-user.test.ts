import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './run-as-user.js';

const pod = (securityContext: string, containerSecurityContext: string, spec = '', namespace = 'a') => podWith({ securityContext, containerSecurityContext, spec, namespace });

testRule(rule, {
  valid: [
    { name: 'unset', objects: pod('{}', '{}') },
    { name: 'non-zero', objects: pod('{runAsUser: 1000}', '{runAsUser: 65534}') },
    { name: 'user namespace at v1.35+', objects: pod('{runAsUser: 0}', '{}', 'hostUsers: false'), status: 'not-applicable' },
    { name: 'before v1.23 the check does not exist', objects: pod('{runAsUser: 0}', '{}', '', PINNED_NS) + pinned('v1.22'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'pod 0', objects: pod('{runAsUser: 0}', '{}'), messages: ['pod'], paths: ['spec.securityContext.runAsUser'] },
    {
      name: 'container 0 under a non-root pod',
      objects: pod('{runAsUser: 1000}', '{runAsUser: 0}'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.runAsUser'],
      messageIncludes: '"app"',
    },
    { name: 'user namespace before v1.35', objects: pod('{runAsUser: 0}', '{}', 'hostUsers: false', PINNED_NS) + pinned('v1.34'), messages: ['pod'] },
    {
      name: 'ephemeral container in a DaemonSet template',
      objects: workload('DaemonSet', `
        containers: [{name: app, image: x:1}]
        ephemeralContainers: [{name: dbg, image: x:1, securityContext: {runAsUser: 0}}]`),
      messages: ['container'],
      paths: ['spec.template.spec.ephemeralContainers[0].securityContext.runAsUser'],
    },
  ],
});
