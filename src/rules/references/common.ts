/** Shared helpers of the broken-reference rules: one object naming another that is not there. */
import type { RuleContext } from '../../engine/rule.js';
import type { PodSource } from '../../analysis/pod-selection.js';
export { peer } from '../../model/result.js';
import { refString, objectRef } from '../../model/k8s.js';

/**
 * Offline, a manifest set is often a slice of a cluster: when the input holds no object of `kind`
 * at all, a name that points at one cannot be judged missing. Reports unknown and returns true.
 */
export function absentFromInput(ctx: RuleContext, kind: string): boolean {
  if (ctx.snapshot.mode === 'live' || ctx.snapshot.ofKind(kind).length > 0) return false;
  ctx.unknown(`the input holds no ${kind}, so a reference to one cannot be checked`);
  return true;
}

/** Up to five matched pods or templates, for pass evidence. */
export function sampleOf(sources: readonly PodSource[]): string[] {
  return sources.slice(0, 5).map((s) => refString(objectRef(s.object)));
}
