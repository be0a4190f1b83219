import type { V1Volume } from '@kubernetes/client-node';
import { defineRule } from '../../engine/rule.js';
import { PSS_TARGETS, pssRef, pssSubject } from './common.js';

/** Volume sources PSS restricted allows. */
export const ALLOWED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
] as const;

/** The volume source fields that are set (null counts as unset, as in Go). */
function setSources(volume: V1Volume): string[] {
  return Object.entries(volume)
    .filter(([k, v]) => k !== 'name' && v !== null && v !== undefined)
    .map(([k]) => k);
}

/** PSS restricted "Volume Types" (PSA check `restrictedVolumes`, which replaces `hostPathVolumes`). */
export default defineRule({
  meta: {
    id: 'pss/restricted-volumes',
    title: 'Pods must use only the restricted volume types',
    description:
      'Volume types other than configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret reach host paths, network storage or in-tree drivers directly, outside the storage admission and quota that PersistentVolumeClaims go through. Pod Security Standards restricted forbids them. A volume with no source set is an emptyDir (API defaulting).',
    remediation: 'Use a persistentVolumeClaim (or csi/ephemeral) instead of hostPath, nfs, iscsi, gitRepo and other in-line volume sources.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('restricted', 'restrictedVolumes')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { volume: 'Volume "{{volume}}" uses restricted volume type {{type}} (spec.volumes[{{index}}])' },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view } = subject;
    const allowed: ReadonlySet<string> = new Set(ALLOWED_VOLUME_SOURCES);
    (view.spec.volumes ?? []).forEach((volume, i) => {
      const sources = setSources(volume);
      // No source at all defaults to emptyDir; any allowed source makes PSA accept the volume.
      if (sources.length === 0 || sources.some((s) => allowed.has(s))) return;
      ctx.fail('volume', { volume: volume.name, type: sources.map((s) => `"${s}"`).join(', '), index: i }, [
        { path: `${view.path}.volumes[${i}].${sources[0] ?? ''}`, actual: sources.join(', '), expected: `one of ${ALLOWED_VOLUME_SOURCES.join(', ')}` },
      ]);
    });
  },
});
