import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './windows-host-process.js';

const pod = (securityContext: string, containerSecurityContext: string) =>
  podWith({ spec: 'os: {name: windows}', securityContext, image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022', containerSecurityContext });

testRule(rule, {
  valid: [
    { name: 'nothing set', objects: pod('{}', '{}') },
    { name: 'hostProcess false everywhere', objects: pod('{windowsOptions: {hostProcess: false}}', '{windowsOptions: {hostProcess: false}}') },
    { name: 'other windowsOptions only', objects: pod('{windowsOptions: {runAsUserName: "ContainerUser"}}', '{}') },
    { name: 'object without pod spec', objects: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: a}\nspec: {}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'pod-level hostProcess',
      objects: pod('{windowsOptions: {hostProcess: true}}', '{}'),
      messages: ['pod'],
      paths: ['spec.securityContext.windowsOptions.hostProcess'],
    },
    {
      name: 'container-level hostProcess',
      objects: pod('{}', '{windowsOptions: {hostProcess: true}}'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.windowsOptions.hostProcess'],
      messageIncludes: '"app"',
    },
    {
      name: 'both levels in a DaemonSet template, ephemeral container too',
      objects: workload('DaemonSet', `
        securityContext: {windowsOptions: {hostProcess: true}}
        containers: [{name: app, image: x:1}]
        ephemeralContainers: [{name: dbg, image: x:1, securityContext: {windowsOptions: {hostProcess: true}}}]`),
      messages: ['pod', 'container'],
      paths: ['spec.template.spec.securityContext.windowsOptions.hostProcess', 'spec.template.spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess'],
    },
  ],
});
