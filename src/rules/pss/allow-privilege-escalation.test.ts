import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './allow-privilege-escalation.js';

const pod = (containerSecurityContext: string, spec = '', namespace = 'a') => podWith({ containerSecurityContext, spec, namespace });

testRule(rule, {
  valid: [
    { name: 'false', objects: pod('{allowPrivilegeEscalation: false}') },
    { name: 'Windows pod from v1.25', objects: pod('{}', 'os: {name: windows}'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'unset',
      objects: pod('{}'),
      messages: ['escalation'],
      paths: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
      messageIncludes: '"app"',
    },
    { name: 'no securityContext at all', objects: pod('null'), messages: ['escalation'] },
    { name: 'true', objects: pod('{allowPrivilegeEscalation: true}'), messages: ['escalation'], messageIncludes: 'true' },
    { name: 'Linux os is not exempt', objects: pod('{}', 'os: {name: linux}'), messages: ['escalation'] },
    { name: 'Windows pod before v1.25', objects: pod('{}', 'os: {name: windows}', PINNED_NS) + pinned('v1.24'), messages: ['escalation'] },
    {
      name: 'init and ephemeral containers in a Deployment template',
      objects: workload('Deployment', `
        initContainers: [{name: init, image: x:1}]
        containers: [{name: app, image: x:1, securityContext: {allowPrivilegeEscalation: false}}]
        ephemeralContainers: [{name: dbg, image: x:1, securityContext: {allowPrivilegeEscalation: true}}]`),
      messages: ['escalation'],
      paths: ['spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation', 'spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation'],
    },
  ],
});
