import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './capabilities-baseline.js';

const pod = (capabilities: string) => podWith({ containerSecurityContext: `{capabilities: ${capabilities}}` });

testRule(rule, {
  valid: [
    { name: 'no capabilities', objects: pod('{}') },
    { name: 'drop only', objects: pod('{drop: [ALL]}') },
    { name: 'default set', objects: pod('{add: [NET_BIND_SERVICE, CHOWN, SYS_CHROOT, AUDIT_WRITE, SETPCAP]}') },
    { name: 'empty add list', objects: pod('{add: []}') },
  ],
  invalid: [
    {
      name: 'NET_RAW',
      objects: pod('{add: [NET_RAW]}'),
      messages: ['added'],
      paths: ['spec.containers[0].securityContext.capabilities.add'],
      messageIncludes: '"NET_RAW"',
    },
    { name: 'SYS_ADMIN with drop ALL', objects: pod('{drop: [ALL], add: [SYS_ADMIN]}'), messages: ['added'], messageIncludes: '"app"' },
    { name: 'CAP_ prefix is not normalised', objects: pod('{add: [CAP_CHOWN]}'), messages: ['added'], messageIncludes: 'CAP_CHOWN' },
    { name: 'lower-case name is not normalised', objects: pod('{add: [chown]}'), messages: ['added'] },
    { name: 'ALL', objects: pod('{add: [ALL]}'), messages: ['added'] },
    {
      name: 'init container in a StatefulSet template',
      objects: workload('StatefulSet', `
        initContainers: [{name: init, image: x:1, securityContext: {capabilities: {add: [NET_ADMIN]}}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['added'],
      paths: ['spec.template.spec.initContainers[0].securityContext.capabilities.add'],
      messageIncludes: '"init"',
    },
  ],
});
