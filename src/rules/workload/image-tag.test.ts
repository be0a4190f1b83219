import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './image-tag.js';

const pod = (image: string) => podWith({ image });
const DIGEST = 'sha256:0000000000000000000000000000000000000000000000000000000000000000';

testRule(rule, {
  valid: [
    { name: 'version tag', objects: pod('nginx:1.27.3') },
    { name: 'registry with port and tag', objects: pod('registry.local:5000/team/app:v2') },
    { name: 'digest only', objects: pod(`nginx@${DIGEST}`) },
    { name: 'latest tag pinned by digest', objects: pod(`nginx:latest@${DIGEST}`) },
  ],
  invalid: [
    { name: 'latest', objects: pod('nginx:latest'), messages: ['latest'], paths: ['spec.containers[0].image'], messageIncludes: '"app"' },
    { name: 'no tag', objects: pod('nginx'), messages: ['untagged'] },
    { name: 'registry port without tag', objects: pod('registry.local:5000/team/app'), messages: ['untagged'], messageIncludes: 'registry.local:5000/team/app' },
    {
      name: 'init container in a Deployment template',
      objects: workload('Deployment', `
        initContainers: [{name: init, image: busybox}]
        containers: [{name: app, image: "ghcr.io/org/app:latest"}]`),
      messages: ['latest', 'untagged'],
      paths: ['spec.template.spec.initContainers[0].image', 'spec.template.spec.containers[0].image'],
    },
  ],
});
