import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './host-ports.js';

const pod = (ports: string, spec = '') => podWith({ container: `ports: ${ports}`, spec });

testRule(rule, {
  valid: [
    { name: 'containerPort only', objects: pod('[{containerPort: 80}]') },
    { name: 'hostPort 0', objects: pod('[{containerPort: 80, hostPort: 0}]') },
    { name: 'no ports', objects: pod('[]') },
    {
      name: 'hostNetwork Deployment template: no defaulting on templates',
      objects: workload('Deployment', `
        hostNetwork: true
        containers: [{name: app, image: x:1, ports: [{containerPort: 8080}]}]`),
    },
  ],
  invalid: [
    {
      name: 'hostPort 8080',
      objects: pod('[{containerPort: 80, hostPort: 8080}]'),
      messages: ['hostPort'],
      paths: ['spec.containers[0].ports[0].hostPort'],
      messageIncludes: '8080',
    },
    {
      name: 'hostNetwork pod: hostPort defaults to containerPort',
      objects: pod('[{containerPort: 9100}]', 'hostNetwork: true'),
      messages: ['hostPort'],
      paths: ['spec.containers[0].ports[0].hostPort'],
      messageIncludes: '9100',
    },
    {
      name: 'init container in a ReplicaSet template',
      objects: workload('ReplicaSet', `
        initContainers: [{name: init, image: x:1, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}]
        containers: [{name: app, image: x:1}]`),
      messages: ['hostPort'],
      paths: ['spec.template.spec.initContainers[0].ports[0].hostPort'],
      messageIncludes: '"init"',
    },
  ],
});
