import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './seccomp-restricted.js';

const pod = (securityContext: string, containerSecurityContext: string, spec = '', namespace = 'a') => podWith({ securityContext, containerSecurityContext, spec, namespace });
const RD = '{seccompProfile: {type: RuntimeDefault}}';

testRule(rule, {
  valid: [
    { name: 'pod RuntimeDefault, container unset', objects: pod(RD, '{}') },
    { name: 'pod unset, container Localhost', objects: pod('{}', '{seccompProfile: {type: Localhost, localhostProfile: p.json}}') },
    { name: 'Windows pod from v1.25', objects: pod('{}', '{}', 'os: {name: windows}'), status: 'not-applicable' },
    { name: 'before v1.19 the check does not exist', objects: pod('{}', '{}', '', PINNED_NS) + pinned('v1.18'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'nothing set',
      objects: pod('{}', '{}'),
      messages: ['unset'],
      paths: ['spec.containers[0].securityContext.seccompProfile.type'],
      messageIncludes: '"app"',
    },
    { name: 'pod Unconfined, container RuntimeDefault', objects: pod('{seccompProfile: {type: Unconfined}}', RD), messages: ['pod'], paths: ['spec.securityContext.seccompProfile.type'] },
    { name: 'pod RuntimeDefault, container Unconfined', objects: pod(RD, '{seccompProfile: {type: Unconfined}}'), messages: ['container'] },
    { name: 'Windows pod before v1.25', objects: pod('{}', '{}', 'os: {name: windows}', PINNED_NS) + pinned('v1.24'), messages: ['unset'] },
    {
      name: 'one init container without a profile in a Job template',
      objects: workload('Job', `
        restartPolicy: Never
        initContainers: [{name: init, image: x:1}]
        containers: [{name: app, image: x:1, securityContext: ${RD}}]`),
      messages: ['unset'],
      paths: ['spec.template.spec.initContainers[0].securityContext.seccompProfile.type'],
      messageIncludes: '"init"',
    },
  ],
});
