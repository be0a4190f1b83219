import type { V1PodSpec } from '@kubernetes/client-node';
import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, isManagedByScannedController, type PodSpecView } from '../../engine/workloads.js';
import { podSpecOrSkip } from '../workload/common.js';
import { absentFromInput, peer } from './common.js';

/** ConfigMaps Kubernetes publishes into every namespace (the root CA bundle). */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set(['kube-root-ca.crt']);

export interface ConfigMapUse {
  name: string;
  path: string;
}

/** Every required (non-optional) ConfigMap a pod spec names: volumes, projected sources, env and envFrom. */
export function requiredConfigMaps(view: PodSpecView): ConfigMapUse[] {
  const out: ConfigMapUse[] = [];
  const spec: V1PodSpec = view.spec;
  (spec.volumes ?? []).forEach((v, i) => {
    if (v.configMap?.name && v.configMap.optional !== true) out.push({ name: v.configMap.name, path: `${view.path}.volumes[${i}].configMap.name` });
    (v.projected?.sources ?? []).forEach((s, j) => {
      if (s.configMap?.name && s.configMap.optional !== true) out.push({ name: s.configMap.name, path: `${view.path}.volumes[${i}].projected.sources[${j}].configMap.name` });
    });
  });
  for (const c of containersOf(view)) {
    (c.container.envFrom ?? []).forEach((e, i) => {
      if (e.configMapRef?.name && e.configMapRef.optional !== true) out.push({ name: e.configMapRef.name, path: `${c.path}.envFrom[${i}].configMapRef.name` });
    });
    (c.container.env ?? []).forEach((e, i) => {
      const ref = e.valueFrom?.configMapKeyRef;
      if (ref?.name && ref.optional !== true) out.push({ name: ref.name, path: `${c.path}.env[${i}].valueFrom.configMapKeyRef.name` });
    });
  }
  return out;
}

/** A pod that needs a ConfigMap that is not there never starts (CreateContainerConfigError or a stuck volume mount). */
export default defineRule({
  meta: {
    id: 'references/pod-configmap',
    title: 'Pod templates should name only existing ConfigMaps',
    description:
      'A pod that mounts or reads from a ConfigMap that does not exist (and is not marked optional) stays in ContainerCreating or CreateContainerConfigError. Checked by name only: Palisade reads ConfigMap metadata, and never Secrets.',
    remediation: 'Create the ConfigMap in the workload\'s namespace with the manifests that deploy it, fix the name, or mark the reference optional: true if the pod can run without it.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('popeye/POP-304')],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    context: 'namespace',
    requires: ['ConfigMap'],
    messages: { missing: '{{kind}} {{name}} needs ConfigMap {{configMaps}}, missing from namespace {{namespace}}' },
  },
  check(ctx) {
    if (isManagedByScannedController(ctx.target, ctx.snapshot)) return ctx.notApplicable('checked on its controller');
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    const uses = requiredConfigMaps(view).filter((u) => !ALWAYS_PRESENT.has(u.name));
    if (uses.length === 0) return ctx.notApplicable('the pod names no ConfigMap it requires');
    if (absentFromInput(ctx, 'ConfigMap')) return;
    const namespace = ctx.target.metadata.namespace ?? 'default';
    const missing = uses.filter((u) => !ctx.snapshot.get('ConfigMap', u.name, namespace));
    if (missing.length === 0) return ctx.pass(undefined, {}, uses.map((u) => ({ path: u.path, actual: u.name, expected: 'an existing ConfigMap' })));
    ctx.fail(
      'missing',
      { kind: ctx.target.kind, name: ctx.target.metadata.name, configMaps: [...new Set(missing.map((m) => m.name))].join(', '), namespace },
      missing.map((m) => ({ path: m.path, actual: m.name, expected: `a ConfigMap in namespace ${namespace}` })),
    );
  },
});
