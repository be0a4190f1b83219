import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './apparmor.js';

const pod = (securityContext: string, containerSecurityContext: string, annotations = '{}') => podWith({ securityContext, containerSecurityContext, annotations });

testRule(rule, {
  valid: [
    { name: 'nothing set', objects: pod('{}', '{}') },
    { name: 'RuntimeDefault pod, Localhost container', objects: pod('{appArmorProfile: {type: RuntimeDefault}}', '{appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}}') },
    {
      name: 'allowed annotation values',
      objects: pod('{}', '{}', '{container.apparmor.security.beta.kubernetes.io/app: runtime/default, container.apparmor.security.beta.kubernetes.io/b: localhost/x, container.apparmor.security.beta.kubernetes.io/c: ""}'),
    },
    { name: 'unrelated annotation with unconfined', objects: pod('{}', '{}', '{example.com/apparmor: unconfined}') },
  ],
  invalid: [
    {
      name: 'pod Unconfined',
      objects: pod('{appArmorProfile: {type: Unconfined}}', '{}'),
      messages: ['pod'],
      paths: ['spec.securityContext.appArmorProfile.type'],
    },
    {
      name: 'container Unconfined',
      objects: pod('{}', '{appArmorProfile: {type: Unconfined}}'),
      messages: ['container'],
      paths: ['spec.containers[0].securityContext.appArmorProfile.type'],
      messageIncludes: '"app"',
    },
    {
      name: 'annotation unconfined',
      objects: pod('{}', '{}', '{container.apparmor.security.beta.kubernetes.io/app: unconfined}'),
      messages: ['annotation'],
      paths: ['metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]'],
    },
    {
      name: 'template annotation and ephemeral container field in a Deployment',
      objects: workload(
        'Deployment',
        `
        containers: [{name: app, image: x:1}]
        ephemeralContainers: [{name: dbg, image: x:1, securityContext: {appArmorProfile: {type: Unconfined}}}]`,
        { templateMetadata: '{annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}}' },
      ),
      messages: ['annotation', 'container'],
      paths: [
        'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
        'spec.template.spec.ephemeralContainers[0].securityContext.appArmorProfile.type',
      ],
    },
  ],
});
