import { PINNED_NS, pinned as pinnedTo, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './host-probes.js';

const pod = (container: string, namespace = 'a') => podWith({ container, namespace });
const pinned = (version: string) => pinnedTo(version, 'pod-security.kubernetes.io/enforce: baseline');
const remoteLiveness = 'livenessProbe: {httpGet: {host: 10.0.0.1, port: 80, path: /}}';

testRule(rule, {
  valid: [
    { name: 'probes without host', objects: pod('livenessProbe: {httpGet: {port: 80}}\nreadinessProbe: {tcpSocket: {port: 80}}') },
    { name: 'empty host string', objects: pod('startupProbe: {httpGet: {host: "", port: 80}}') },
    { name: 'exec and grpc probes', objects: pod('livenessProbe: {exec: {command: [true]}}\nreadinessProbe: {grpc: {port: 9000}}') },
    { name: 'lifecycle sleep and exec', objects: pod('lifecycle: {preStop: {sleep: {seconds: 5}}, postStart: {exec: {command: [true]}}}') },
    { name: 'namespace pinned to v1.33: check does not exist', objects: pod(remoteLiveness, PINNED_NS) + pinned('v1.33'), status: 'not-applicable' },
    { name: 'cluster version 1.33', objects: pod(remoteLiveness), config: (c) => { c.kubernetesVersion = '1.33'; }, status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'liveness httpGet host',
      objects: pod(remoteLiveness),
      messages: ['host'],
      paths: ['spec.containers[0].livenessProbe.httpGet.host'],
      messageIncludes: '"app"',
    },
    {
      name: 'readiness tcpSocket host',
      objects: pod('readinessProbe: {tcpSocket: {host: metadata.internal, port: 80}}'),
      messages: ['host'],
      paths: ['spec.containers[0].readinessProbe.tcpSocket.host'],
    },
    {
      name: 'lifecycle hooks',
      objects: pod('lifecycle: {postStart: {httpGet: {host: 169.254.169.254, port: 80}}, preStop: {tcpSocket: {host: localhost, port: 22}}}'),
      messages: ['host'],
      paths: ['spec.containers[0].lifecycle.postStart.httpGet.host', 'spec.containers[0].lifecycle.preStop.tcpSocket.host'],
    },
    { name: 'namespace pinned to v1.34', objects: pod(remoteLiveness, PINNED_NS) + pinned('v1.34'), messages: ['host'] },
    {
      name: 'init container startup probe in a Job template',
      objects: workload('Job', `
        restartPolicy: Never
        initContainers: [{name: side, image: x:1, restartPolicy: Always, startupProbe: {httpGet: {host: example.com, port: 80}}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['host'],
      paths: ['spec.template.spec.initContainers[0].startupProbe.httpGet.host'],
    },
  ],
});
