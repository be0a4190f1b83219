import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './proc-mount.js';

const pod = (procMount: string, spec = '', namespace = 'a') => podWith({ containerSecurityContext: `{procMount: ${procMount}}`, spec, namespace });

testRule(rule, {
  valid: [
    { name: 'Default', objects: pod('Default') },
    { name: 'null', objects: pod('null') },
    { name: 'Unmasked in a user namespace at v1.35+', objects: pod('Unmasked', 'hostUsers: false'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'Unmasked in a user namespace, namespace pinned to v1.34',
      objects: pod('Unmasked', 'hostUsers: false', PINNED_NS) + pinned('v1.34'),
      messages: ['procMount'],
      paths: ['spec.containers[0].securityContext.procMount'],
      messageIncludes: '"app"',
    },
    { name: 'Unmasked with host users', objects: pod('Unmasked'), messages: ['procMount'], messageIncludes: 'Unmasked' },
    { name: 'Unmasked, hostUsers true', objects: pod('Unmasked', 'hostUsers: true'), messages: ['procMount'] },
    {
      name: 'init container of a Deployment template without a user namespace',
      objects: workload('Deployment', `
        initContainers: [{name: init, image: x:1, securityContext: {procMount: Unmasked}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['procMount'],
      paths: ['spec.template.spec.initContainers[0].securityContext.procMount'],
      messageIncludes: '"init"',
    },
    {
      name: 'ephemeral container in a Pod pinned to v1.34 via cluster version',
      objects: podWith({ image: 'x:1', spec: 'hostUsers: false\nephemeralContainers: [{name: dbg, image: x:1, securityContext: {procMount: Unmasked}}]' }),
      config: (c) => {
        c.kubernetesVersion = '1.34';
      },
      messages: ['procMount'],
      paths: ['spec.ephemeralContainers[0].securityContext.procMount'],
    },
  ],
});
