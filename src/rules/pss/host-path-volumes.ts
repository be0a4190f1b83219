import { defineRule } from '../../engine/rule.js';
import { PSS_TARGETS, cisRef, isSet, pssRef, pssSubject } from './common.js';

/** PSS baseline "HostPath Volumes" (PSA check `hostPathVolumes`). */
export default defineRule({
  meta: {
    id: 'pss/host-path-volumes',
    title: 'Pods must not mount hostPath volumes',
    description:
      "A hostPath volume exposes the node's filesystem to the pod: container runtime sockets, kubelet credentials and other pods' data are one path away. Pod Security Standards baseline forbids every hostPath volume.",
    remediation: 'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes.',
    severity: 'high',
    category: 'security',
    references: [pssRef('baseline', 'hostPathVolumes'), cisRef('5.2.11'), { framework: 'MTB', id: 'MTB-PL1-BC-HI-1' }],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { hostPath: 'Volume "{{volume}}" mounts host path {{hostPath}} (spec.volumes[].hostPath)' },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view } = subject;
    (view.spec.volumes ?? []).forEach((volume, i) => {
      if (isSet(volume.hostPath)) {
        ctx.fail('hostPath', { volume: volume.name, hostPath: JSON.stringify(volume.hostPath.path ?? '') }, [
          { path: `${view.path}.volumes[${i}].hostPath`, actual: volume.hostPath, expected: 'no hostPath volume' },
        ]);
      }
    });
  },
});
