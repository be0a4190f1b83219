import { globMatch } from '../../engine/glob.js';
import { CLUSTER_KIND, TENANT_KIND, defineRule } from '../../engine/rule.js';
import { isExpired } from '../../engine/waivers.js';
import type { WaiverConfig } from '../../config/types.js';
import type { K8sObject } from '../../model/k8s.js';
import type { Snapshot } from '../../inventory/snapshot.js';

/** A waiver scoped to synthetic targets (the cluster, a tenant) cannot be checked against objects. */
function synthetic(w: WaiverConfig): boolean {
  return w.kind === CLUSTER_KIND || w.kind === TENANT_KIND || (w.kind === undefined && w.namespace === undefined && w.name === undefined);
}

function matches(w: WaiverConfig, o: K8sObject): boolean {
  return (
    (w.kind === undefined || w.kind === o.kind) &&
    (w.namespace === undefined || globMatch(w.namespace, o.metadata.namespace ?? '')) &&
    (w.name === undefined || globMatch(w.name, o.metadata.name))
  );
}

function candidates(w: WaiverConfig, snapshot: Snapshot): readonly K8sObject[] {
  if (w.kind !== undefined) return snapshot.ofKind(w.kind);
  return snapshot.objects;
}

/**
 * A waiver whose namespace/name/kind match nothing that was scanned is stale (the object was
 * renamed or deleted) or mistyped; left in place it would silently waive a future object that
 * happens to match. Info: it does not change the score.
 */
export default defineRule({
  meta: {
    id: 'palisade/waiver-unused',
    title: 'Waivers should match objects that exist',
    description:
      'A waiver that matches no scanned object is stale or mistyped. Left in place it waives whatever later appears under that name, without anyone deciding so.',
    remediation:
      'Delete the waiver if the object is gone, or correct its namespace/name/kind globs. On offline scans of part of a repository this can be expected: scan the whole set of manifests.',
    severity: 'info',
    category: 'security',
    references: [],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: {
      unmatched: 'Waiver for {{rule}} on {{scope}} matches no object in this scan',
    },
  },
  check(ctx) {
    const live = ctx.config.waivers.map((w, i) => ({ w, i })).filter(({ w }) => !isExpired(w, ctx.now));
    if (live.length === 0) {
      ctx.notApplicable('No unexpired waivers configured');
      return;
    }
    for (const { w, i } of live) {
      if (synthetic(w)) continue;
      if (w.kind !== undefined && ctx.snapshot.gapFor(w.kind)) continue; // could not read that kind: cannot judge
      if (candidates(w, ctx.snapshot).some((o) => matches(w, o))) continue;
      const scope = [w.kind ?? '*', w.namespace ?? '*', w.name ?? '*'].join('/');
      ctx.fail('unmatched', { rule: w.rule, scope }, [
        {
          path: `waivers[${i}]`,
          actual: { rule: w.rule, kind: w.kind ?? '*', namespace: w.namespace ?? '*', name: w.name ?? '*', matchingObjects: 0 },
          expected: 'at least one scanned object matching the waiver',
        },
      ]);
    }
  },
});
