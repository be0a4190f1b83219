import { pod as podWith } from '../../../test/helpers/fixtures.js';
import type { PalisadeConfig } from '../../config/types.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './image-digest.js';

const pod = (image: string) => podWith({ image });
const DIGEST = 'sha256:0000000000000000000000000000000000000000000000000000000000000000';
const required = (c: { images?: { requireDigest?: boolean } }): void => {
  c.images = { requireDigest: true };
};
/** Tenant acme owns namespace a; its own requireDigest, with or without the cluster-wide setting. */
const tenant = (own: boolean | undefined, global?: boolean) => (c: PalisadeConfig): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a'], ...(own === undefined ? {} : { requireDigest: own }) }];
  if (global !== undefined) c.images = { requireDigest: global };
};
const inB = (image: string) => podWith({ image, namespace: 'b' });

testRule(rule, {
  valid: [
    { name: 'pinned by digest', objects: pod(`registry.example.com/app@${DIGEST}`), config: required },
    { name: 'tag and digest', objects: pod(`nginx:1.27@${DIGEST}`), config: required },
    { name: 'not required', objects: pod('nginx:1.27'), status: 'not-applicable' },
    { name: 'tenant requires digests and its image is pinned', objects: pod(`registry.example.com/app@${DIGEST}`), config: tenant(true) },
    { name: 'tenant requires digests: another namespace is not judged', objects: inB('nginx:1.27'), config: tenant(true), status: 'not-applicable' },
    { name: 'tenant opts out of the cluster-wide requirement', objects: pod('nginx:1.27'), config: tenant(false, true), status: 'not-applicable' },
    { name: 'tenant without its own setting and none cluster-wide', objects: pod('nginx:1.27'), config: tenant(undefined), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'version tag only', objects: pod('nginx:1.27'), config: required, messages: ['noDigest'], paths: ['spec.containers[0].image'], messageIncludes: 'nginx:1.27' },
    { name: 'tenant requires digests: a tag-only image in its namespace', objects: pod('nginx:1.27'), config: tenant(true), messages: ['noDigest'], paths: ['spec.containers[0].image'] },
    { name: 'cluster-wide requirement applies to a tenant without its own setting', objects: pod('nginx:1.27'), config: tenant(undefined, true), messages: ['noDigest'] },
    { name: 'cluster-wide requirement outside any tenant', objects: inB('nginx:1.27'), config: tenant(true, true), messages: ['noDigest'] },
    {
      name: 'init containers count too',
      objects: podWith({ image: `registry.example.com/app@${DIGEST}`, spec: 'initContainers: [{name: init, image: "busybox:1.36"}]' }),
      config: tenant(true),
      messages: ['noDigest'],
      paths: ['spec.initContainers[0].image'],
      messageIncludes: 'busybox:1.36',
    },
  ],
});
