import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './host-namespaces.js';

const pod = (spec: string) => podWith({ spec });

testRule(rule, {
  valid: [
    { name: 'nothing set', objects: pod('') },
    { name: 'all false', objects: pod('hostNetwork: false\nhostPID: false\nhostIPC: false') },
  ],
  invalid: [
    { name: 'hostNetwork', objects: pod('hostNetwork: true'), messages: ['hostNamespace'], paths: ['spec.hostNetwork'], messageIncludes: 'hostNetwork' },
    { name: 'hostPID', objects: pod('hostPID: true'), messages: ['hostNamespace'], paths: ['spec.hostPID'] },
    { name: 'hostIPC', objects: pod('hostIPC: true'), messages: ['hostNamespace'], paths: ['spec.hostIPC'] },
    {
      name: 'all three in a CronJob template',
      objects: workload('CronJob', `
        hostNetwork: true
        hostPID: true
        hostIPC: true
        containers: [{name: app, image: x:1}]`),
      messages: ['hostNamespace'],
      paths: ['spec.jobTemplate.spec.template.spec.hostNetwork', 'spec.jobTemplate.spec.template.spec.hostPID', 'spec.jobTemplate.spec.template.spec.hostIPC'],
    },
  ],
});
