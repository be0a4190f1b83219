import type { V1Container, V1EphemeralContainer, V1PodSecurityContext, V1SecurityContext } from '@kubernetes/client-node';
import type { FrameworkRef } from '../../model/result.js';
import type { RuleContext } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf, type PodSpecView } from '../../engine/workloads.js';

/** Every PSS rule runs on Pods and on every pod template. */
export const PSS_TARGETS = WORKLOAD_KINDS;

/** The newest PSS version whose checks this code implements; later versions evaluate as this one. */
export const PSS_LATEST_MINOR = 37;

export function pssRef(level: 'baseline' | 'restricted', control: string): FrameworkRef {
  return { framework: 'PSS', id: `${level}/${control}` };
}

export function cisRef(section: string): FrameworkRef {
  return { framework: 'CIS', id: `1.12 §${section}` };
}

/** A Kubernetes minor version as a comparable number: `1.35` -> 35. */
export function minorOf(version: string | undefined): number | undefined {
  const m = /^v?1\.(\d+)/.exec(version ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The `enforce-version` label as PodSecurity admission parses it: only `v1.<minor>` pins a version;
 * `latest`, and any value it cannot parse (e.g. `1.30`, `v1.30.1`), evaluate as latest.
 */
export function pinnedMinor(label: string | undefined): number | undefined {
  const m = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(label ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The PSS version that applies to the target: the namespace's `enforce-version` label when pinned,
 * else the cluster's version, else the configured default. A pin newer than the server is capped at
 * the server's version, because the admission plugin only knows the checks of its own release.
 */
export function pssMinor(ctx: RuleContext): number {
  const ns = ctx.target.metadata.namespace;
  const label = ns ? ctx.snapshot.namespace(ns)?.metadata.labels?.['pod-security.kubernetes.io/enforce-version'] : undefined;
  const server = minorOf(ctx.snapshot.cluster.version) ?? minorOf(ctx.config.kubernetesVersion) ?? PSS_LATEST_MINOR;
  const pinned = pinnedMinor(label);
  return pinned === undefined ? server : Math.min(pinned, server);
}

/** The pod spec of the target, or marks the result not-applicable when the object has none. */
export function podSpecOrSkip(ctx: RuleContext): PodSpecView | undefined {
  const view = podSpecOf(ctx.target);
  if (!view) ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
  return view;
}

/** How a PSA check's versions apply to one rule (the `MinimumVersion`s of its `VersionedCheck`s). */
export interface PssGate {
  /** First minor where the check exists at all; below it the control is not part of PSS. */
  since?: number;
  /** From this minor, pods with `spec.os.name: windows` are exempt (1.25 for several restricted checks). */
  windowsExemptSince?: number;
  /** From this minor, pods with `spec.hostUsers: false` are exempt (1.35 relaxations). */
  userNamespaceExemptSince?: number;
}

/**
 * The pod spec to check, after the version gate and the exemptions PSA applies; reports
 * not-applicable (with the reason) and returns undefined when the check does not apply.
 */
export function pssSubject(ctx: RuleContext, gate: PssGate = {}): { view: PodSpecView; minor: number } | undefined {
  const view = podSpecOrSkip(ctx);
  if (!view) return undefined;
  const minor = pssMinor(ctx);
  if (gate.since !== undefined && minor < gate.since) {
    ctx.notApplicable(`Pod Security Standards v1.${minor} do not have this check (added in v1.${gate.since})`);
    return undefined;
  }
  if (gate.windowsExemptSince !== undefined && minor >= gate.windowsExemptSince && isWindowsPod(view)) {
    ctx.notApplicable('Windows pods (spec.os.name: windows) are exempt from this check');
    return undefined;
  }
  if (gate.userNamespaceExemptSince !== undefined && minor >= gate.userNamespaceExemptSince && usesUserNamespace(view)) {
    ctx.notApplicable('Pods in a user namespace (spec.hostUsers: false) are exempt from this check');
    return undefined;
  }
  return { view, minor };
}

export function isWindowsPod(view: PodSpecView): boolean {
  return view.spec.os?.name === 'windows';
}

/** PSA's relaxPolicyForUserNamespacePod: `hostUsers` explicitly false. */
export function usesUserNamespace(view: PodSpecView): boolean {
  return view.spec.hostUsers === false;
}

/** The pod-level security context (never null: YAML `securityContext: null` reads as unset). */
export function podSecurityContext(view: PodSpecView): V1PodSecurityContext | undefined {
  return view.spec.securityContext ?? undefined;
}

export function containerSecurityContext(c: V1Container | V1EphemeralContainer): V1SecurityContext | undefined {
  return c.securityContext ?? undefined;
}

/** A value that Go would decode as a non-nil pointer / present field (null and undefined are both absent). */
export function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

/** `"a", "b"` as PSA quotes lists in its messages. */
export function quoteList(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(', ');
}
