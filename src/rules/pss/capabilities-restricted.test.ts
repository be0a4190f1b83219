import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './capabilities-restricted.js';

const pod = (capabilities: string, spec = '', namespace = 'a') => podWith({ containerSecurityContext: `{capabilities: ${capabilities}}`, spec, namespace });

testRule(rule, {
  valid: [
    { name: 'drop ALL', objects: pod('{drop: [ALL]}') },
    { name: 'drop ALL, add NET_BIND_SERVICE', objects: pod('{drop: [NET_RAW, ALL], add: [NET_BIND_SERVICE]}') },
    { name: 'Windows pod from v1.25', objects: pod('null', 'os: {name: windows}'), status: 'not-applicable' },
    { name: 'before v1.22 the check does not exist', objects: pod('null', '', PINNED_NS) + pinned('v1.21'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'no capabilities',
      objects: pod('null'),
      messages: ['dropAll'],
      paths: ['spec.containers[0].securityContext.capabilities.drop'],
      messageIncludes: '"app"',
    },
    { name: 'lower-case all', objects: pod('{drop: [all]}'), messages: ['dropAll'] },
    { name: 'drop NET_RAW only', objects: pod('{drop: [NET_RAW]}'), messages: ['dropAll'] },
    { name: 'drop ALL but add CHOWN', objects: pod('{drop: [ALL], add: [CHOWN]}'), messages: ['added'], messageIncludes: '"CHOWN"' },
    { name: 'CAP_ prefix is not normalised', objects: pod('{drop: [ALL], add: [CAP_NET_BIND_SERVICE]}'), messages: ['added'] },
    { name: 'both problems', objects: pod('{add: [SYS_ADMIN]}'), messages: ['dropAll', 'added'] },
    { name: 'Windows pod before v1.25', objects: pod('null', 'os: {name: windows}', PINNED_NS) + pinned('v1.24'), messages: ['dropAll'] },
    {
      name: 'ephemeral container in a Deployment template',
      objects: workload('Deployment', `
        containers: [{name: app, image: x:1, securityContext: {capabilities: {drop: [ALL]}}}]
        ephemeralContainers: [{name: dbg, image: x:1}]`),
      messages: ['dropAll'],
      paths: ['spec.template.spec.ephemeralContainers[0].securityContext.capabilities.drop'],
    },
  ],
});
