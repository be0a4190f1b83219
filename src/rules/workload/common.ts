import type { RuleContext } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, podSpecOf, type ContainerView, type PodSpecView } from '../../engine/workloads.js';
import type { K8sObject } from '../../model/k8s.js';

/** Workload hygiene rules run on Pods and on every pod template. */
export const WORKLOAD_TARGETS = WORKLOAD_KINDS;

/** The pod spec of the target, or marks the result not-applicable when the object has none. */
export function podSpecOrSkip(ctx: RuleContext): PodSpecView | undefined {
  const view = podSpecOf(ctx.target);
  if (!view) ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
  return view;
}

/** Static pods the kubelet mirrors into the API (control plane on kubeadm): they cannot use ServiceAccounts. */
export function isMirrorPod(obj: K8sObject): boolean {
  return obj.kind === 'Pod' && obj.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
}

/** Regular and init containers: ephemeral (debug) containers have no resources, probes or ports. */
export function runtimeContainers(view: PodSpecView): ContainerView[] {
  return containersOf(view).filter((c) => c.type !== 'ephemeralContainers');
}

/** Run-to-completion workloads: Jobs, CronJobs and Pods a Job controls. */
export function isBatch(obj: K8sObject): boolean {
  if (obj.kind === 'Job' || obj.kind === 'CronJob') return true;
  return obj.kind === 'Pod' && (obj.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.kind === 'Job');
}

export interface ImageRef {
  /** Repository without tag or digest, e.g. `docker.io/library/nginx` as written (`nginx`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits an image reference the way the container runtime does: `@` starts the digest; a `:`
 * after the last `/` starts the tag (a `:` before it is a registry port).
 */
export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const nameAndTag = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const ref: ImageRef = colon > slash ? { repository: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1) } : { repository: nameAndTag };
  if (digest) ref.digest = digest;
  return ref;
}

/** The pull policy the API server defaults an unset imagePullPolicy to (SetDefaults_Container). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const ref = parseImage(image);
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The ServiceAccount a pod spec runs as: serviceAccountName, the deprecated serviceAccount, else `default`. */
export function serviceAccountNameOf(view: PodSpecView): string {
  return view.spec.serviceAccountName || view.spec.serviceAccount || 'default';
}
