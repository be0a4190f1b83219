import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { WORKLOAD_TARGETS, parseImage, podSpecOrSkip } from './common.js';

/** `latest` or no tag means the running code changes without a change to the manifest. */
export default defineRule({
  meta: {
    id: 'workload/image-tag',
    title: 'Images must be pinned to a tag other than latest, or to a digest',
    description:
      'An image without a tag or tagged latest resolves to whatever was pushed last: rollbacks do not roll back, nodes run different code, and an audit cannot say what ran. A digest (@sha256:...) pins the exact image and passes whatever the tag.',
    remediation: 'Reference images by an immutable version tag, or better by digest (image: repo@sha256:...).',
    severity: 'medium',
    category: 'reliability',
    references: [],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      latest: 'Container "{{container}}" uses image "{{image}}" with the latest tag',
      untagged: 'Container "{{container}}" uses image "{{image}}" without a tag or digest',
    },
  },
  check(ctx) {
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      const image = c.container.image ?? '';
      const ref = parseImage(image);
      if (ref.digest) continue;
      const evidence = [{ path: `${c.path}.image`, actual: image, expected: 'a version tag other than latest, or @sha256 digest' }];
      if (ref.tag === undefined) ctx.fail('untagged', { container: c.name, image }, evidence);
      else if (ref.tag === 'latest') ctx.fail('latest', { container: c.name, image }, evidence);
    }
  },
});
