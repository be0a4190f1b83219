import { peer } from '../../model/result.js';
import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { globMatch } from '../../engine/glob.js';
import { WORKLOAD_TARGETS, parseImage, podSpecOrSkip } from './common.js';

/** Registry host and repository path of an image, as the runtime resolves it (Docker Hub short names are docker.io). */
export function imageLocation(image: string): { registry: string; repository: string } {
  const name = parseImage(image).repository;
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  // The reference grammar: a first component with a dot or a port, or `localhost`, is a registry host.
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasHost ? first : 'docker.io';
  let path = hasHost ? name.slice(slash + 1) : name;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { registry, repository: `${registry}/${path}` };
}

/**
 * Whether an image comes from an allowed registry: a pattern without `/` is matched against the
 * registry host (`registry.example.com`, `*.dkr.ecr.*.amazonaws.com`), one with `/` against the
 * repository (`ghcr.io/acme/*`, or `ghcr.io/acme` for everything under that path).
 */
export function registryAllowed(image: string, patterns: readonly string[]): boolean {
  const { registry, repository } = imageLocation(image);
  return patterns.some((p) => (p.includes('/') ? globMatch(p, repository) || globMatch(`${p.replace(/\/+$/, '')}/*`, repository) : globMatch(p, registry)));
}

/** Images must come from the registries `images.allowedRegistries` names. */
export default defineRule({
  meta: {
    id: 'workload/image-registry',
    title: 'Images must come from an allowed registry',
    description:
      'An image from an unvetted registry (a public Docker Hub image, a typo-squatted name, an attacker’s registry) runs whatever its publisher pushed; a registry allow-list keeps workloads on images that went through the organisation’s build, scanning and signing. Init and ephemeral (debug) containers count too: they run with the pod’s identity. Not applicable until images.allowedRegistries is set.',
    remediation: 'Mirror the image into an allowed registry (or add its registry to images.allowedRegistries after review), and enforce the list at admission (Kyverno, Gatekeeper, a VAP).',
    severity: 'high',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9002 Compromised image in registry' },
      { framework: 'MITRE ATT&CK', id: 'T1525 Implant Internal Image' },
      peer('kubescape/C-0078'),
    ],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { notAllowed: 'Container "{{container}}" uses image "{{image}}" from {{registry}}, which is not an allowed registry' },
  },
  check(ctx) {
    const allowed = ctx.config.images?.allowedRegistries;
    if (!allowed || allowed.length === 0) {
      ctx.notApplicable('images.allowedRegistries is not configured');
      return;
    }
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      const image = c.container.image ?? '';
      if (image === '' || registryAllowed(image, allowed)) continue;
      const { repository } = imageLocation(image);
      ctx.fail('notAllowed', { container: c.name, image, registry: repository.slice(0, repository.indexOf('/')) }, [
        { path: `${c.path}.image`, actual: image, expected: `an image from ${allowed.join(', ')}` },
      ]);
    }
  },
});
