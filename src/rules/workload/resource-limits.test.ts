import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './resource-limits.js';

const pod = (resources: string, spec = '') => podWith({ container: `resources: ${resources}`, spec });
const noCpu = (c: { rules: { options: Record<string, Record<string, unknown>> } }) => {
  c.rules.options['workload/resource-limits'] = { requireCpuLimit: false };
};

testRule(rule, {
  valid: [
    { name: 'both limits', objects: pod('{limits: {cpu: 500m, memory: 128Mi}}') },
    { name: 'pod-level limits', objects: pod('{}', 'resources: {limits: {cpu: 1, memory: 256Mi}}') },
    { name: 'memory only with requireCpuLimit: false', objects: pod('{limits: {memory: 128Mi}}'), config: noCpu },
  ],
  invalid: [
    {
      name: 'no limits',
      objects: pod('{requests: {cpu: 100m, memory: 64Mi}}'),
      messages: ['missing'],
      paths: ['spec.containers[0].resources.limits.cpu', 'spec.containers[0].resources.limits.memory'],
      messageIncludes: '"app" has no cpu and memory limit',
    },
    { name: 'cpu limit missing by default', objects: pod('{limits: {memory: 128Mi}}'), messages: ['missing'], messageIncludes: 'no cpu limit' },
    { name: 'memory still required with requireCpuLimit: false', objects: pod('{limits: {cpu: 1}}'), config: noCpu, messages: ['missing'], messageIncludes: 'no memory limit' },
    {
      name: 'CronJob template',
      objects: workload('CronJob', 'restartPolicy: OnFailure\ncontainers: [{name: app, image: x:1}]'),
      messages: ['missing'],
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].resources.limits.memory'],
    },
  ],
});
