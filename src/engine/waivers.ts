import { resultNamespace, type RuleResult, type Waiver } from '../model/result.js';
import type { PalisadeConfig, WaiverConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { globMatch } from './glob.js';
import type { ResultStore } from '../findings/store.js';

export const WAIVE_ANNOTATION = 'palisade.dev/waive';
export const WAIVE_REASON_ANNOTATION = 'palisade.dev/waive-reason';

/** End of the day for a bare date (`2026-12-31` is valid all that day, UTC). */
export function waiverExpiry(expires: string | undefined): Date | undefined {
  if (!expires) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(expires) ? new Date(`${expires}T23:59:59.999Z`) : new Date(expires);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function isExpired(w: { expires?: string }, now: Date): boolean {
  const e = waiverExpiry(w.expires);
  return e !== undefined && e.getTime() < now.getTime();
}

function configWaiverMatches(w: WaiverConfig, r: RuleResult): boolean {
  return (
    globMatch(w.rule, r.rule) &&
    (w.namespace === undefined || globMatch(w.namespace, resultNamespace(r) ?? '')) &&
    (w.name === undefined || globMatch(w.name, r.object.name)) &&
    (w.kind === undefined || w.kind === r.object.kind)
  );
}

function toWaiver(w: WaiverConfig): Waiver {
  const out: Waiver = { rule: w.rule, reason: w.reason, source: 'config' };
  if (w.namespace !== undefined) out.namespace = w.namespace;
  if (w.name !== undefined) out.name = w.name;
  if (w.kind !== undefined) out.kind = w.kind;
  if (w.approver !== undefined) out.approver = w.approver;
  if (w.ticket !== undefined) out.ticket = w.ticket;
  if (w.expires !== undefined) out.expires = w.expires;
  return out;
}

function annotationWaiver(r: RuleResult, snapshot: Snapshot): Waiver | undefined {
  const obj = snapshot.get(r.object.kind, r.object.name, r.object.namespace);
  const ann = obj?.metadata.annotations;
  const rules = ann?.[WAIVE_ANNOTATION];
  if (!rules) return undefined;
  const listed = rules.split(',').map((s) => s.trim());
  if (!listed.some((g) => g !== '' && globMatch(g, r.rule))) return undefined;
  const w: Waiver = {
    rule: r.rule,
    reason: ann?.[WAIVE_REASON_ANNOTATION] ?? '(no reason given)',
    name: r.object.name,
    kind: r.object.kind,
    source: 'annotation',
  };
  if (r.object.namespace) w.namespace = r.object.namespace;
  return w;
}

/**
 * Turns matching `fail` results into `waived` ones (they stay in every report). Expired
 * waivers never apply; the `palisade/waiver-expired` rule reports them.
 */
export function applyWaivers(results: RuleResult[], snapshot: Snapshot, config: PalisadeConfig, now: Date): RuleResult[] {
  const find = waiverFinder(snapshot, config, now);
  return results.map((r) => {
    if (r.status !== 'fail') return r;
    const waiver = find(r);
    return waiver ? { ...r, status: 'waived', waiver } : r;
  });
}

/** The same, in place on the result store: only failures are looked at (and made into objects). */
export function waiveStore(store: ResultStore, snapshot: Snapshot, config: PalisadeConfig, now: Date): void {
  if (config.waivers.length === 0 && !config.annotationWaivers) return;
  const find = waiverFinder(snapshot, config, now);
  for (const i of store.indexes(store.statusIs('fail'))) {
    const waiver = find(store.at(i));
    if (waiver) store.waive(i, waiver);
  }
}

function waiverFinder(snapshot: Snapshot, config: PalisadeConfig, now: Date): (r: RuleResult) => Waiver | undefined {
  const active = config.waivers.filter((w) => !isExpired(w, now));
  return (r) => {
    const match = active.find((w) => configWaiverMatches(w, r));
    return match ? toWaiver(match) : config.annotationWaivers ? annotationWaiver(r, snapshot) : undefined;
  };
}
