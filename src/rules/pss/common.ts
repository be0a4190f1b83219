import type { FrameworkRef } from '../../model/result.js';
import type { RuleContext } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf, type PodSpecView } from '../../engine/workloads.js';

/** Every PSS rule runs on Pods and on every pod template. */
export const PSS_TARGETS = WORKLOAD_KINDS;

export function pssRef(level: 'baseline' | 'restricted', control: string): FrameworkRef {
  return { framework: 'PSS', id: `${level}/${control}` };
}

/** A Kubernetes minor version as a comparable number: `1.35` -> 35. */
export function minorOf(version: string | undefined): number | undefined {
  const m = /^v?1\.(\d+)/.exec(version ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The PSS version that applies to the target: the namespace's `enforce-version` label when pinned,
 * else the cluster's version, else the configured default. Version-gated checks read this.
 */
export function pssMinor(ctx: RuleContext): number {
  const ns = ctx.target.metadata.namespace;
  const pinned = ns ? ctx.snapshot.namespace(ns)?.metadata.labels?.['pod-security.kubernetes.io/enforce-version'] : undefined;
  return (
    (pinned && pinned !== 'latest' ? minorOf(pinned) : undefined) ??
    minorOf(ctx.snapshot.cluster.version) ??
    minorOf(ctx.config.kubernetesVersion) ??
    36
  );
}

/** The pod spec of the target, or marks the result not-applicable when the object has none. */
export function podSpecOrSkip(ctx: RuleContext): PodSpecView | undefined {
  const view = podSpecOf(ctx.target);
  if (!view) ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
  return view;
}
