import { MIRROR_POD, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './default-service-account.js';

const pod = (spec: string) => podWith({ spec });

testRule(rule, {
  valid: [
    { name: 'a static (mirror) pod cannot use a ServiceAccount', status: 'not-applicable', objects: MIRROR_POD },
    { name: 'dedicated SA', objects: pod('serviceAccountName: web') },
    { name: 'deprecated serviceAccount field', objects: pod('serviceAccount: web') },
  ],
  invalid: [
    { name: 'unset', objects: pod(''), messages: ['defaultSa'], paths: ['spec.serviceAccountName'], messageIncludes: 'not set' },
    { name: 'explicit default', objects: pod('serviceAccountName: default'), messages: ['defaultSa'], messageIncludes: 'serviceAccountName: default' },
    { name: 'empty string', objects: pod('serviceAccountName: ""'), messages: ['defaultSa'] },
    {
      name: 'Job template',
      objects: workload('Job', 'restartPolicy: Never\ncontainers: [{name: app, image: x:1}]'),
      messages: ['defaultSa'],
      paths: ['spec.template.spec.serviceAccountName'],
    },
  ],
});
