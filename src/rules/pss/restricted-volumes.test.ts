import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './restricted-volumes.js';

const pod = (volumes: string) => podWith({ volumes });

testRule(rule, {
  valid: [
    { name: 'no volumes', objects: pod('[]') },
    {
      name: 'every allowed type',
      objects: pod(`[{name: a, configMap: {name: c}}, {name: b, csi: {driver: x}}, {name: c, downwardAPI: {items: []}},
        {name: d, emptyDir: {}}, {name: e, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}},
        {name: f, image: {reference: "busybox:1"}}, {name: g, persistentVolumeClaim: {claimName: x}}, {name: h, projected: {sources: []}}, {name: i, secret: {secretName: s}}]`),
    },
    { name: 'volume without source defaults to emptyDir', objects: pod('[{name: scratch}]') },
  ],
  invalid: [
    {
      name: 'hostPath',
      objects: pod('[{name: h, hostPath: {path: /tmp}}]'),
      messages: ['volume'],
      paths: ['spec.volumes[0].hostPath'],
      messageIncludes: '"hostPath"',
    },
    { name: 'nfs', objects: pod('[{name: n, nfs: {server: s, path: /}}]'), messages: ['volume'], messageIncludes: '"n"' },
    { name: 'gitRepo', objects: pod('[{name: g, gitRepo: {repository: "https://example.com/r.git"}}]'), messages: ['volume'] },
    { name: 'iscsi', objects: pod('[{name: i, iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0}}]'), messages: ['volume'] },
    {
      name: 'second volume of a CronJob template',
      objects: workload('CronJob', `
        restartPolicy: OnFailure
        volumes: [{name: ok, emptyDir: {}}, {name: fc, fc: {wwids: [x]}}]
        containers: [{name: app, image: x:1}]`),
      messages: ['volume'],
      paths: ['spec.jobTemplate.spec.template.spec.volumes[1].fc'],
    },
  ],
});
