import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { WORKLOAD_TARGETS, parseImage, podSpecOrSkip } from './common.js';

/** With images.requireDigest, every image is pinned by digest. */
export default defineRule({
  meta: {
    id: 'workload/image-digest',
    title: 'Images must be pinned by digest',
    description:
      'A tag is a movable pointer: whoever can push to the repository (or a registry compromise) changes what a tag runs, without any change to the manifest. A digest (@sha256:...) names exactly one image, so a signature verified for it stays true. Init and ephemeral containers count too. Not applicable unless images.requireDigest is true.',
    remediation: 'Reference each image as repo@sha256:<digest> (kept current by Renovate or a digest-pinning admission mutation such as Kyverno’s mutateDigest).',
    severity: 'medium',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9002 Compromised image in registry' },
      { framework: 'MITRE ATT&CK', id: 'T1525 Implant Internal Image' },
    ],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    messages: { noDigest: 'Container "{{container}}" uses image "{{image}}" without a digest' },
  },
  check(ctx) {
    if (ctx.config.images?.requireDigest !== true) {
      ctx.notApplicable('images.requireDigest is not set');
      return;
    }
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      const image = c.container.image ?? '';
      if (parseImage(image).digest?.startsWith('sha256:')) continue;
      ctx.fail('noDigest', { container: c.name, image }, [{ path: `${c.path}.image`, actual: image, expected: 'repo@sha256:<digest>' }]);
    }
  },
});
