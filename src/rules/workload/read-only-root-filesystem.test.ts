import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './read-only-root-filesystem.js';

const pod = (containerSecurityContext: string, spec = '') => podWith({ containerSecurityContext, spec });

testRule(rule, {
  valid: [
    { name: 'read-only', objects: pod('{readOnlyRootFilesystem: true}') },
    { name: 'Windows pod', objects: pod('{}', 'os: {name: windows}'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'unset', objects: pod('{}'), messages: ['writable'], paths: ['spec.containers[0].securityContext.readOnlyRootFilesystem'], messageIncludes: '"app"' },
    { name: 'false', objects: pod('{readOnlyRootFilesystem: false}'), messages: ['writable'] },
    {
      name: 'init container of a StatefulSet template',
      objects: workload('StatefulSet', `
        initContainers: [{name: init, image: x:1}]
        containers: [{name: app, image: x:1, securityContext: {readOnlyRootFilesystem: true}}]`),
      messages: ['writable'],
      paths: ['spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem'],
    },
  ],
});
