import { describe, expect, it } from 'vitest';
import { pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule, { imageLocation, registryAllowed } from './image-registry.js';

const pod = (image: string) => podWith({ image });
const allow = (...patterns: string[]) => (c: { images?: { allowedRegistries?: string[] } }): void => {
  c.images = { allowedRegistries: patterns };
};

describe('imageLocation', () => {
  it('resolves Docker Hub short names and keeps registry hosts with ports', () => {
    expect(imageLocation('nginx:1.27')).toEqual({ registry: 'docker.io', repository: 'docker.io/library/nginx' });
    expect(imageLocation('bitnami/redis')).toEqual({ registry: 'docker.io', repository: 'docker.io/bitnami/redis' });
    expect(imageLocation('index.docker.io/library/ubuntu:latest')).toEqual({ registry: 'docker.io', repository: 'docker.io/library/ubuntu' });
    expect(imageLocation('registry.local:5000/team/app@sha256:00')).toEqual({ registry: 'registry.local:5000', repository: 'registry.local:5000/team/app' });
    expect(imageLocation('localhost/app')).toEqual({ registry: 'localhost', repository: 'localhost/app' });
  });

  it('matches host patterns against the registry and path patterns against the repository', () => {
    expect(registryAllowed('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1', ['*.dkr.ecr.*.amazonaws.com'])).toBe(true);
    expect(registryAllowed('ghcr.io/acme/app:1', ['ghcr.io/acme'])).toBe(true);
    expect(registryAllowed('ghcr.io/acme/team/app:1', ['ghcr.io/acme/*'])).toBe(true);
    expect(registryAllowed('ghcr.io/acmeevil/app:1', ['ghcr.io/acme'])).toBe(false);
    expect(registryAllowed('nginx', ['docker.io/library/*'])).toBe(true);
    // A host pattern never matches a look-alike path: ghcr.io.evil.example is another host.
    expect(registryAllowed('ghcr.io.evil.example/acme/app', ['ghcr.io'])).toBe(false);
  });
});

testRule(rule, {
  valid: [
    { name: 'image from an allowed registry', objects: pod('registry.example.com/team/app:1.2'), config: allow('registry.example.com') },
    { name: 'no allow-list configured', objects: pod('nginx:1.27'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'Docker Hub image when only the company registry is allowed', objects: pod('nginx:1.27'), config: allow('registry.example.com'), messages: ['notAllowed'], paths: ['spec.containers[0].image'], messageIncludes: 'from docker.io' },
    {
      name: 'init and ephemeral containers count',
      objects: workload('Deployment', `
        initContainers: [{name: init, image: "busybox:1.36"}]
        containers: [{name: app, image: "registry.example.com/app:1"}]
        ephemeralContainers: [{name: debug, image: "ghcr.io/nicolaka/netshoot:v0.13"}]`),
      config: allow('registry.example.com'),
      messages: ['notAllowed'],
      paths: ['spec.template.spec.initContainers[0].image', 'spec.template.spec.ephemeralContainers[0].image'],
    },
  ],
});
