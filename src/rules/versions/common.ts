/** Shared parts of the version rules: which version a scan is judged against, and the release data in use. */
import type { RuleContext } from '../../engine/rule.js';
import { EMBEDDED_RELEASE_DATA, type ReleaseData } from '../../analysis/kubernetes-releases.js';
import { controlPlaneVersion, type ObservedVersion } from '../../analysis/kubernetes-versions.js';
import { apiStatusAt, lifecycleKinds, lifecycleOf, type ApiLifecycle } from '../../analysis/api-lifecycle.js';
import { APPLIED_API_VERSION } from '../../inventory/applied-version.js';
import { LIVE_KINDS } from '../../inventory/live/kinds.js';
export { peer } from '../references/common.js';


/**
 * The version API deprecations are judged against: `--target-version`, else the control plane
 * (live `/version`, static pod image, kubeadm-config), else the config's kubernetesVersion.
 */
export function judgedVersion(ctx: RuleContext): ObservedVersion {
  if (ctx.snapshot.cluster.targetVersion) return { version: ctx.snapshot.cluster.targetVersion, source: '--target-version' };
  return controlPlaneVersion(ctx.snapshot) ?? { version: ctx.config.kubernetesVersion, source: 'config kubernetesVersion (the control plane version is not visible)' };
}

/**
 * Kinds the API lifecycle table knows that a live scan lists (a target kind a live scan never
 * lists would make every live result unknown). Offline the same kinds are checked.
 */
export const LIFECYCLE_TARGETS: readonly string[] = (() => {
  const listed = new Set(LIVE_KINDS.map((k) => k.kind));
  return lifecycleKinds().filter((k) => listed.has(k));
})();

export interface AppliedApi {
  apiVersion: string;
  /** Where the apiVersion was read. */
  path: string;
  entry: ApiLifecycle | undefined;
}

/** The apiVersion the user applied (live: from the last-applied annotation) and its lifecycle entry. */
export function appliedApi(ctx: RuleContext): AppliedApi {
  const recorded = ctx.target.metadata.annotations?.[APPLIED_API_VERSION];
  const apiVersion = recorded ?? ctx.target.apiVersion;
  const path = recorded ? `metadata.annotations["${APPLIED_API_VERSION}"] (from kubectl's last-applied-configuration)` : 'apiVersion';
  return { apiVersion, path, entry: lifecycleOf(apiVersion, ctx.target.kind) };
}

/** Shared check of versions/removed-api and versions/deprecated-api. */
export function checkApiLifecycle(ctx: RuleContext, want: 'removed' | 'deprecated', messageId: string): void {
  const applied = appliedApi(ctx);
  const judged = judgedVersion(ctx);
  const status = applied.entry ? apiStatusAt(applied.entry, judged.version) : 'served';
  if (status === undefined) return ctx.unknown(`cannot compare ${applied.apiVersion} with version ${judged.version} (${judged.source})`);
  if (status !== want || !applied.entry) return;
  const e = applied.entry;
  ctx.fail(
    messageId,
    {
      kind: ctx.target.kind,
      name: ctx.target.metadata.name,
      apiVersion: applied.apiVersion,
      deprecated: e.deprecated,
      removed: e.removed,
      version: judged.version,
      source: judged.source,
      replacement: e.replacement ? `use ${e.replacement}` : 'no direct replacement: migrate off this API',
    },
    [{ path: applied.path, actual: applied.apiVersion, expected: e.replacement ?? `an API served in ${judged.version}` }],
  );
}

/** Release data in use: `--release-data FILE`, else the embedded table. */
export function releaseDataOf(ctx: RuleContext): ReleaseData {
  return ctx.snapshot.releaseData ?? EMBEDDED_RELEASE_DATA;
}

/**
 * The Cluster target's version for the currency rules: the control plane as observed. Not
 * applicable (reported by the caller) when the input shows no control plane and no Node: a
 * manifest set is not a cluster.
 */
export function currentVersionOf(ctx: RuleContext): ObservedVersion | undefined {
  const cp = controlPlaneVersion(ctx.snapshot);
  if (cp) return cp;
  if (ctx.snapshot.mode === 'offline' && ctx.snapshot.ofKind('Node').length === 0) ctx.notApplicable('the input is not a cluster export (no control plane version, no Node)');
  else ctx.unknown('the control plane version is not visible (no /version, no kube-apiserver pod, no kubeadm-config)');
  return undefined;
}
