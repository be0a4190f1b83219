import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './host-path-volumes.js';

const pod = (volumes: string) => podWith({ volumes });

testRule(rule, {
  valid: [
    { name: 'no volumes', objects: pod('[]') },
    { name: 'emptyDir, configMap, secret and a PVC', objects: pod('[{name: a, emptyDir: {}}, {name: b, configMap: {name: c}}, {name: s, secret: {secretName: s}}, {name: d, persistentVolumeClaim: {claimName: x}}]') },
    { name: 'nfs is not hostPath (restricted-volumes covers it)', objects: pod('[{name: n, nfs: {server: nfs.local, path: /export}}]') },
  ],
  invalid: [
    {
      name: 'hostPath volume',
      objects: pod('[{name: sock, hostPath: {path: /var/run/docker.sock}}]'),
      messages: ['hostPath'],
      paths: ['spec.volumes[0].hostPath'],
      messageIncludes: '"sock"',
    },
    {
      name: 'second volume of a Deployment template',
      objects: workload('Deployment', `
        volumes: [{name: tmp, emptyDir: {}}, {name: root, hostPath: {path: /, type: Directory}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['hostPath'],
      paths: ['spec.template.spec.volumes[1].hostPath'],
      messageIncludes: '"/"',
    },
  ],
});
