import { APISERVER, SCHEDULER, configMapFile } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './scheduler-profiling.js';

const config = (body: string) => configMapFile('scheduler-config', 'sched.yaml', `
  apiVersion: kubescheduler.config.k8s.io/v1
  kind: KubeSchedulerConfiguration
  ${body}`);
const withConfig = SCHEDULER.pod('--config=/etc/kubernetes/sched.yaml');

testRule(rule, {
  valid: [
    { name: '--profiling=false', objects: SCHEDULER.pod('--profiling=false') },
    { name: 'visible config disables profiling', objects: withConfig + config('enableProfiling: false') },
    { name: 'config not visible', objects: withConfig, status: 'unknown' },
    { name: 'scheduler not visible', objects: APISERVER.pod(), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'unset', objects: SCHEDULER.pod(), messages: ['missing'], paths: [SCHEDULER.command] },
    { name: '--profiling=true', objects: SCHEDULER.pod('--profiling=true'), messages: ['wrongValue'] },
    { name: 'the flag wins over the config file', objects: SCHEDULER.pod('--config=/etc/kubernetes/sched.yaml', '--profiling=true') + config('enableProfiling: false'), messages: ['wrongValue'] },
    {
      name: 'visible config leaves profiling on (default)',
      objects: withConfig + config('clientConnection: {kubeconfig: /etc/kubernetes/scheduler.conf}'),
      messages: ['configEnabled'],
      paths: ['ConfigMap/kube-system/scheduler-config data.sched.yaml.enableProfiling'],
      messageIncludes: 'defaults to true',
    },
  ],
});
