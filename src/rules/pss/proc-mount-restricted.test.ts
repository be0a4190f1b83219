import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './proc-mount-restricted.js';

const pod = (procMount: string, spec = '', namespace = 'a') => podWith({ containerSecurityContext: `{procMount: ${procMount}}`, spec, namespace });

testRule(rule, {
  valid: [
    { name: 'Default in a user namespace', objects: pod('Default', 'hostUsers: false') },
    { name: 'unset', objects: pod('null') },
    { name: 'before v1.35 the check does not exist', objects: pod('Unmasked', 'hostUsers: false', PINNED_NS) + pinned('v1.34'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'Unmasked in a user namespace',
      objects: pod('Unmasked', 'hostUsers: false'),
      messages: ['procMount'],
      paths: ['spec.containers[0].securityContext.procMount'],
      messageIncludes: '"app"',
    },
    {
      name: 'init container in a StatefulSet template',
      objects: workload('StatefulSet', `
        hostUsers: false
        initContainers: [{name: init, image: x:1, securityContext: {procMount: Unmasked}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['procMount'],
      paths: ['spec.template.spec.initContainers[0].securityContext.procMount'],
    },
  ],
});
