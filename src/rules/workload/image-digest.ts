import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import type { RuleContext } from '../../engine/rule.js';
import { realTenantOf } from '../tenancy/common.js';
import { WORKLOAD_TARGETS, parseImage, podSpecOrSkip } from './common.js';

/**
 * Whether the target's images must be pinned: its tenant's own `requireDigest` when the config
 * sets one, else `images.requireDigest`. Returns the reason when they need not be.
 */
function digestRequired(ctx: RuleContext): { required: true } | { required: false; reason: string } {
  const tenant = realTenantOf(ctx, ctx.target.metadata.namespace);
  const own = tenant === undefined ? undefined : ctx.config.tenancy.tenants.find((t) => t.name === tenant)?.requireDigest;
  if (own !== undefined) return own ? { required: true } : { required: false, reason: `tenant ${tenant} sets requireDigest: false` };
  if (ctx.config.images?.requireDigest === true) return { required: true };
  return { required: false, reason: tenant === undefined ? 'images.requireDigest is not set' : `neither images.requireDigest nor tenant ${tenant}'s requireDigest is set` };
}

/** With images.requireDigest (or the tenant's requireDigest), every image is pinned by digest. */
export default defineRule({
  meta: {
    id: 'workload/image-digest',
    title: 'Images must be pinned by digest',
    description:
      'A tag is a movable pointer: whoever can push to the repository (or a registry compromise) changes what a tag runs, without any change to the manifest. A digest (@sha256:...) names exactly one image, so a signature verified for it stays true. Init and ephemeral containers count too. Required cluster-wide by images.requireDigest or for one tenant’s namespaces by its tenancy.tenants[].requireDigest (which wins there, true or false); not applicable otherwise.',
    remediation: 'Reference each image as repo@sha256:<digest> (kept current by Renovate or a digest-pinning admission mutation such as Kyverno’s mutateDigest).',
    severity: 'medium',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9002 Compromised image in registry' },
      { framework: 'MITRE ATT&CK', id: 'T1525 Implant Internal Image' },
    ],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { noDigest: 'Container "{{container}}" uses image "{{image}}" without a digest' },
  },
  check(ctx) {
    const need = digestRequired(ctx);
    if (!need.required) {
      ctx.notApplicable(need.reason);
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
