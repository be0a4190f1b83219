import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './seccomp-baseline.js';

const pod = (securityContext: string, containerSecurityContext: string, annotations = '{}', namespace = 'a') => podWith({ securityContext, containerSecurityContext, annotations, namespace });

testRule(rule, {
  valid: [
    { name: 'unset', objects: pod('{}', '{}') },
    { name: 'RuntimeDefault and Localhost', objects: pod('{seccompProfile: {type: RuntimeDefault}}', '{seccompProfile: {type: Localhost, localhostProfile: p.json}}') },
    { name: 'alpha annotation ignored from v1.19', objects: pod('{}', '{}', '{seccomp.security.alpha.kubernetes.io/pod: unconfined}') },
    { name: 'v1.18: allowed annotation values', objects: pod('{}', '{}', '{seccomp.security.alpha.kubernetes.io/pod: docker/default, container.seccomp.security.alpha.kubernetes.io/app: localhost/x}', PINNED_NS) + pinned('v1.18') },
    { name: 'v1.18: fields are not read', objects: pod('{seccompProfile: {type: Unconfined}}', '{}', '{}', PINNED_NS) + pinned('v1.18') },
  ],
  invalid: [
    {
      name: 'pod Unconfined',
      objects: pod('{seccompProfile: {type: Unconfined}}', '{}'),
      messages: ['pod'],
      paths: ['spec.securityContext.seccompProfile.type'],
    },
    {
      name: 'container Unconfined under a RuntimeDefault pod',
      objects: pod('{seccompProfile: {type: RuntimeDefault}}', '{seccompProfile: {type: Unconfined}}'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.seccompProfile.type'],
      messageIncludes: '"app"',
    },
    {
      name: 'v1.18: unconfined annotation for the container',
      objects: pod('{}', '{}', '{container.seccomp.security.alpha.kubernetes.io/app: unconfined}', PINNED_NS) + pinned('v1.18'),
      messages: ['annotation'],
      paths: ['metadata.annotations["container.seccomp.security.alpha.kubernetes.io/app"]'],
    },
    {
      name: 'init container in a Job template',
      objects: workload('Job', `
        restartPolicy: Never
        initContainers: [{name: init, image: x:1, securityContext: {seccompProfile: {type: Unconfined}}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['container'],
      paths: ['spec.template.spec.initContainers[0].securityContext.seccompProfile.type'],
    },
  ],
});
