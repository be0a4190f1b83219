import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './image-pull-policy.js';

const pod = (image: string, policy?: string) => podWith({ image, container: policy && `imagePullPolicy: ${policy}` });

testRule(rule, {
  valid: [
    { name: 'Always', objects: pod('nginx:1.27', 'Always') },
    { name: 'unset with latest defaults to Always', objects: pod('nginx:latest') },
    { name: 'unset without tag defaults to Always', objects: pod('nginx') },
  ],
  invalid: [
    { name: 'IfNotPresent', objects: pod('nginx:1.27', 'IfNotPresent'), messages: ['notAlways'], paths: ['spec.containers[0].imagePullPolicy'], messageIncludes: '"app"' },
    { name: 'Never', objects: pod('nginx:1.27', 'Never'), messages: ['notAlways'], messageIncludes: 'Never' },
    { name: 'unset with a version tag defaults to IfNotPresent', objects: pod('nginx:1.27'), messages: ['notAlways'], messageIncludes: 'defaulted' },
    { name: 'unset with a digest defaults to IfNotPresent', objects: pod('nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000'), messages: ['notAlways'] },
    {
      name: 'init container of a DaemonSet template',
      objects: workload('DaemonSet', `
        initContainers: [{name: init, image: "busybox:1.36", imagePullPolicy: IfNotPresent}]
        containers: [{name: app, image: "x:1", imagePullPolicy: Always}]`),
      messages: ['notAlways'],
      paths: ['spec.template.spec.initContainers[0].imagePullPolicy'],
    },
  ],
});
