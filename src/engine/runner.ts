import { objectRef, type K8sObject, type ObjectRef } from '../model/k8s.js';
import type { Evidence, RuleResult, Severity, Status } from '../model/result.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { PalisadeConfig } from '../config/types.js';
import { buildTenantModel, type TenantModel } from '../analysis/tenants.js';
import {
  CLUSTER_KIND,
  SYNTHETIC_API_VERSION,
  TENANT_KIND,
  formatMessage,
  type MessageData,
  type Rule,
  type RuleContext,
} from './rule.js';
import { isManagedByScannedController } from './workloads.js';
import { globMatch } from './glob.js';
import { waiveStore } from './waivers.js';
import { relieve } from '../inventory/memory.js';
import { targetFilter } from './scope.js';
import { ResultStore, type StoredObject } from '../findings/store.js';

export interface RunOptions {
  config: PalisadeConfig;
  now?: Date;
}

export interface RunOutput {
  /** Every result, compact (src/findings/store.ts). */
  results: ResultStore;
  /** The rules that ran, after config filtering, with effective severity. */
  rules: { rule: Rule; severity: Severity }[];
  tenants: TenantModel;
  /** Milliseconds spent per rule (printed by `PALISADE_TIMING=1 palisade scan`). */
  timings: Map<string, number>;
}

/** Rules selected by `rules.only` / `rules.disabled`, with severity overrides applied. */
export function selectRules(all: readonly Rule[], config: PalisadeConfig): { rule: Rule; severity: Severity }[] {
  const { only, disabled, severity } = config.rules;
  return all
    .filter((r) => only.length === 0 || only.some((g) => globMatch(g, r.meta.id)))
    .filter((r) => !disabled.some((g) => globMatch(g, r.meta.id)))
    .map((rule) => ({ rule, severity: severity[rule.meta.id] ?? rule.meta.severity }));
}

/** The synthetic object that cluster-scope rules run against. */
export function clusterObject(snapshot: Snapshot, config: PalisadeConfig): K8sObject {
  return {
    apiVersion: SYNTHETIC_API_VERSION,
    kind: CLUSTER_KIND,
    metadata: { name: config.clusterName ?? snapshot.cluster.name ?? 'cluster' },
  };
}

export function tenantObjects(tenants: TenantModel): K8sObject[] {
  return tenants.tenants().map((t) => ({
    apiVersion: SYNTHETIC_API_VERSION,
    kind: TENANT_KIND,
    metadata: { name: t.name, labels: { 'palisade.dev/tenant': t.name } },
    spec: { namespaces: t.namespaces },
  }));
}

/** Runs every selected rule over its targets. A rule that throws yields `error` results; the scan goes on. */
export function runRules(snapshot: Snapshot, allRules: readonly Rule[], opts: RunOptions): RunOutput {
  const { config } = opts;
  const now = opts.now ?? new Date();
  const tenants = buildTenantModel(snapshot, config);
  const selected = selectRules(allRules, config);
  const inScope = targetFilter(config, snapshot.ofKind('Namespace'));
  const timings = new Map<string, number>();
  const store = new ResultStore();
  const synthetic = {
    [CLUSTER_KIND]: [clusterObject(snapshot, config)],
    [TENANT_KIND]: tenantObjects(tenants),
  } as Record<string, K8sObject[]>;
  // Objects are interned once, by identity: tenant and location are properties of the object.
  const objectIds = new Map<K8sObject, number>();
  const objectId = (target: K8sObject): number => {
    let id = objectIds.get(target);
    if (id === undefined) {
      const o: StoredObject = { ref: objectRef(target) };
      const tenant =
        tenants.tenantOf(target.metadata.namespace ?? (target.kind === 'Namespace' ? target.metadata.name : undefined)) ??
        (target.kind === TENANT_KIND ? target.metadata.name : undefined);
      if (tenant !== undefined) o.tenant = tenant;
      const loc = snapshot.locationOf(target);
      if (loc) o.location = { file: loc.file, line: loc.line };
      id = store.internObject(o);
      objectIds.set(target, id);
    }
    return id;
  };

  // The targets of a kind that rules judge: not owned by a scanned controller (judged there), in
  // scope. The same for every rule, so found once per kind, not once per rule and object.
  const eligibleByKind = new Map<string, readonly K8sObject[]>();
  const eligible = (kind: string): readonly K8sObject[] => {
    let list = eligibleByKind.get(kind);
    if (!list) {
      list = (synthetic[kind] ?? snapshot.ofKind(kind)).filter((t) => !isManagedByScannedController(t, snapshot) && inScope(t));
      eligibleByKind.set(kind, list);
    }
    return list;
  };

  for (const { rule, severity } of selected) {
    const started = performance.now();
    const ruleId = store.internRule(rule.meta.id);
    const base = { rule: rule.meta.id, severity };
    const missing = [...rule.meta.targets, ...(rule.meta.requires ?? [])]
      .map((k) => snapshot.gapFor(k))
      .filter((g) => g !== undefined);
    const targetGaps = missing.filter((g) => rule.meta.targets.includes(g.kind));

    if (targetGaps.length > 0) {
      // The targets themselves could not be listed: one unknown result stands for all of them.
      const message = `Not evaluated: ${targetGaps.map((g) => `${g.kind} (${g.reason})`).join('; ')}`;
      store.push(ruleId, objectId(synthetic[CLUSTER_KIND]![0]!), 'unknown', severity, message);
    }
    const missingText = missing.length > 0 ? `Not evaluated: could not read ${missing.map((g) => `${g.kind} (${g.reason})`).join('; ')}` : '';
    for (const kind of rule.meta.targets) {
      if (snapshot.gapFor(kind)) continue;
      for (const target of eligible(kind)) {
        if (missing.length > 0) {
          store.push(ruleId, objectId(target), 'unknown', base.severity, missingText);
          continue;
        }
        const r = evaluate(rule, severity, target, snapshot, config, now);
        store.push(ruleId, objectId(target), r.status, r.severity, r.message, r.evidence);
      }
    }
    timings.set(rule.meta.id, (timings.get(rule.meta.id) ?? 0) + performance.now() - started);
    relieve();
  }
  waiveStore(store, snapshot, config, now);
  return { results: store, rules: selected, tenants, timings };
}

const PRECEDENCE: Record<Status, number> = { error: 5, fail: 4, unknown: 3, 'not-applicable': 2, pass: 1, waived: 0 };

/** Runs one rule on one target and folds everything it reported into one result. */
export function evaluate(
  rule: Rule,
  severity: Severity,
  target: K8sObject,
  snapshot: Snapshot,
  config: PalisadeConfig,
  now: Date,
): RuleResult {
  let status: Status = 'pass';
  const messages: string[] = [];
  const evidence: Evidence[] = [];
  const raise = (s: Status): void => {
    if (PRECEDENCE[s] > PRECEDENCE[status]) {
      status = s;
      messages.length = 0; // messages of a weaker status do not explain the stronger one
      evidence.length = 0;
    }
  };
  const note = (s: Status, message: string, ev: Evidence[] = []): void => {
    raise(s);
    if (s === status) {
      messages.push(message);
      evidence.push(...ev);
    }
  };
  const text = (messageId: string, data: MessageData): string => {
    const template = (rule.meta.messages as Record<string, string>)[messageId];
    if (template === undefined) throw new Error(`unknown messageId "${messageId}"`);
    return formatMessage(template, data);
  };
  const ctx: RuleContext = {
    target,
    snapshot,
    config,
    options: config.rules.options[rule.meta.id] ?? {},
    now,
    fail: (id, data, ev) => note('fail', text(id, data), ev),
    pass: (id, data = {}, ev = []) => note('pass', id ? text(id, data) : '', ev),
    notApplicable: (reason) => note('not-applicable', reason),
    unknown: (reason) => note('unknown', reason),
  };
  const ref: ObjectRef = objectRef(target);
  try {
    rule.check(ctx);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      rule: rule.meta.id,
      severity,
      status: 'error',
      object: ref,
      message: `Rule ${rule.meta.id} failed on ${ref.kind}/${ref.namespace ? ref.namespace + '/' : ''}${ref.name}: ${detail}`,
      evidence: [],
    };
  }
  return { rule: rule.meta.id, severity, status, object: ref, message: joinMessages(messages) || defaultMessage(status), evidence };
}

/** Distinct messages of one result shown in full; the rest are counted (each still has its evidence). */
export const MAX_JOINED_MESSAGES = 5;

/**
 * One result's message from what its rule said: distinct texts joined by "; ". A tenant that 199
 * others can reach would otherwise get a 40 KB message, unreadable and kept per result.
 */
export function joinMessages(messages: readonly string[]): string {
  const distinct = [...new Set(messages.filter((m) => m !== ''))];
  if (distinct.length <= MAX_JOINED_MESSAGES) return distinct.join('; ');
  return `${distinct.slice(0, MAX_JOINED_MESSAGES).join('; ')}; and ${distinct.length - MAX_JOINED_MESSAGES} more (listed in the evidence)`;
}

function defaultMessage(status: Status): string {
  return status === 'pass' ? 'Passed' : status;
}
