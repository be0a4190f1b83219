import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './selinux.js';

const pod = (securityContext: string, containerSecurityContext: string, namespace = 'a') => podWith({ securityContext, containerSecurityContext, namespace });

testRule(rule, {
  valid: [
    { name: 'nothing set', objects: pod('{}', '{}') },
    { name: 'empty options', objects: pod('{seLinuxOptions: {}}', '{seLinuxOptions: {}}') },
    { name: 'allowed types and a level', objects: pod('{seLinuxOptions: {type: container_t, level: "s0:c123,c456"}}', '{seLinuxOptions: {type: container_kvm_t}}') },
    { name: 'empty user and role', objects: pod('{seLinuxOptions: {user: "", role: ""}}', '{}') },
    { name: 'container_engine_t at v1.31+', objects: pod('{}', '{seLinuxOptions: {type: container_engine_t}}') },
  ],
  invalid: [
    {
      name: 'custom pod type',
      objects: pod('{seLinuxOptions: {type: spc_t}}', '{}'),
      messages: ['pod'],
      paths: ['spec.securityContext.seLinuxOptions.type'],
      messageIncludes: 'spc_t',
    },
    {
      name: 'container user and role',
      objects: pod('{}', '{seLinuxOptions: {user: system_u, role: system_r}}'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.seLinuxOptions.user', 'spec.containers[0].securityContext.seLinuxOptions.role'],
      messageIncludes: '"app"',
    },
    {
      name: 'container_engine_t before v1.31',
      objects: pod('{}', '{seLinuxOptions: {type: container_engine_t}}', PINNED_NS) + pinned('v1.30'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.seLinuxOptions.type'],
    },
    {
      name: 'init container in a ReplicationController template',
      objects: workload('ReplicationController', `
        initContainers: [{name: init, image: x:1, securityContext: {seLinuxOptions: {type: unconfined_t}}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['container'],
      paths: ['spec.template.spec.initContainers[0].securityContext.seLinuxOptions.type'],
    },
  ],
});
