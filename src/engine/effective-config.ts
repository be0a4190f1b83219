/**
 * The effective configuration of a scan (`ScanResult.config`): what of the config decided the
 * results, so a report can say what it was made with. No file paths of secrets, no object data.
 */
import type { PalisadeConfig, WaiverConfig } from '../config/types.js';
import type { ResultStore } from '../findings/store.js';
import type { Waiver } from '../model/result.js';
import type { EffectiveConfig, EffectiveWaiver } from '../report/model.js';
import type { TenantModel } from '../analysis/tenants.js';
import { isExpired } from './waivers.js';

const sameWaiver = (c: WaiverConfig, w: Waiver): boolean =>
  w.source === 'config' && c.rule === w.rule && c.reason === w.reason && c.namespace === w.namespace && c.name === w.name && c.kind === w.kind && c.approver === w.approver && c.ticket === w.ticket && c.expires === w.expires;

export function effectiveConfig(config: PalisadeConfig, ruleIds: readonly string[], store: ResultStore, tenants: TenantModel, now: Date): EffectiveConfig {
  const applied = new Map<WaiverConfig, number>();
  let annotationWaived = 0;
  for (const i of store.indexes(store.statusIs('waived'))) {
    const w = store.waiverOf(i);
    if (!w) continue;
    if (w.source === 'annotation') annotationWaived++;
    const c = config.waivers.find((x) => sameWaiver(x, w));
    if (c) applied.set(c, (applied.get(c) ?? 0) + 1);
  }
  const waivers = config.waivers.map((w): EffectiveWaiver => ({
    rule: w.rule,
    ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
    ...(w.name !== undefined ? { name: w.name } : {}),
    ...(w.kind !== undefined ? { kind: w.kind } : {}),
    reason: w.reason,
    ...(w.approver !== undefined ? { approver: w.approver } : {}),
    ...(w.ticket !== undefined ? { ticket: w.ticket } : {}),
    ...(w.expires !== undefined ? { expires: w.expires } : {}),
    expired: isExpired(w, now),
    applied: applied.get(w) ?? 0,
  }));
  const t = config.tenancy;
  return {
    kubernetesVersion: config.kubernetesVersion,
    rules: {
      enabled: [...new Set(ruleIds)].sort(),
      disabled: [...config.rules.disabled],
      only: [...config.rules.only],
      severity: { ...config.rules.severity },
      options: structuredClone(config.rules.options),
      excludeSystemRbac: config.rules.excludeSystemRbac,
      custom: config.customRules.map((r) => r.id).sort(),
    },
    waivers,
    annotationWaivers: config.annotationWaivers,
    annotationWaived,
    tenancy: {
      labelKey: t.labelKey,
      capsule: t.capsule,
      systemNamespaces: [...t.systemNamespaces],
      selfNamespace: config.selfNamespace,
      defined: t.tenants.map((d) => d.name),
      tenants: tenants
        .tenants()
        .map((x) => ({ name: x.name, namespaces: [...x.namespaces].sort() }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}
