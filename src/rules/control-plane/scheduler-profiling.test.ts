import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './scheduler-profiling.js';

const config = (body: string) => `---
apiVersion: v1
kind: ConfigMap
metadata: {name: scheduler-config, namespace: kube-system}
data:
  sched.yaml: |
    apiVersion: kubescheduler.config.k8s.io/v1
    kind: KubeSchedulerConfiguration
    ${body}
`;
const withConfig = componentPod('kube-scheduler', ['--config=/etc/kubernetes/sched.yaml']);

testRule(rule, {
  valid: [
    { name: '--profiling=false', objects: componentPod('kube-scheduler', ['--profiling=false']) },
    { name: 'visible config disables profiling', objects: withConfig + config('enableProfiling: false') },
    { name: 'config not visible', objects: withConfig, status: 'unknown' },
    { name: 'scheduler not visible', objects: componentPod('kube-apiserver', []), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'unset', objects: componentPod('kube-scheduler', []), messages: ['missing'], paths: ['Pod/kube-system/kube-scheduler-node1 spec.containers[0].command'] },
    { name: '--profiling=true', objects: componentPod('kube-scheduler', ['--profiling=true']), messages: ['wrongValue'] },
    { name: 'the flag wins over the config file', objects: componentPod('kube-scheduler', ['--config=/etc/kubernetes/sched.yaml', '--profiling=true']) + config('enableProfiling: false'), messages: ['wrongValue'] },
    {
      name: 'visible config leaves profiling on (default)',
      objects: withConfig + config('clientConnection: {kubeconfig: /etc/kubernetes/scheduler.conf}'),
      messages: ['configEnabled'],
      paths: ['ConfigMap/kube-system/scheduler-config data.sched.yaml.enableProfiling'],
      messageIncludes: 'defaults to true',
    },
  ],
});
