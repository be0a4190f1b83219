import type { K8sObject } from '../model/k8s.js';
import type { Evidence, RuleReference, Severity } from '../model/result.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { PalisadeConfig } from '../config/types.js';

/** Synthetic target kinds: one object stands for the whole cluster, one per tenant. */
export const CLUSTER_KIND = 'Cluster';
export const TENANT_KIND = 'Tenant';
export const SYNTHETIC_API_VERSION = 'palisade.dev/v1alpha1';

export type RuleScope = 'object' | 'namespace' | 'tenant' | 'cluster';
export type RuleCategory = 'security' | 'reliability' | 'efficiency' | 'tenancy';

export interface RuleMeta<M extends string = string> {
  /** `<family>/<kebab-name>`, stable forever. */
  id: string;
  title: string;
  /** Why it matters (rationale). */
  description: string;
  remediation: string;
  severity: Severity;
  category: RuleCategory;
  /** Framework references as data, never in the ID. */
  references: RuleReference[];
  /** Kinds the check runs on (each object of these kinds is a target); `Cluster` / `Tenant` are synthetic. */
  targets: readonly string[];
  scope: RuleScope;
  /** Other kinds the check reads; if any could not be listed, results are `unknown`. */
  requires?: readonly string[];
  /**
   * `namespace`: the check reads only cluster-scoped objects, objects in its target's own
   * namespace (a Namespace target: that namespace) and the server version. Such a rule is still judged when a live
   * `--namespace` scan listed its kinds only in the selected namespaces. Unmarked rules may read any
   * namespace: when a kind they read was listed only per namespace they report `unknown`
   * (src/engine/namespace-limits.ts).
   */
  context?: 'namespace';
  /** Message templates; `{{name}}` placeholders are filled from the data passed to `fail`/`pass`. */
  messages: Record<M, string>;
  /**
   * Optional YAML examples for `palisade explain` and docs/rules/: an object the rule fails and one it passes
   * (each a YAML document or stream; the first object is the target, any others are context it reads).
   * A unit test runs every example through its rule.
   */
  examples?: RuleExamples;
}

export interface RuleExamples {
  failing?: string;
  passing?: string;
}

export type MessageData = Record<string, string | number | boolean>;

/** Everything a check may read, and the only way it reports. */
export interface RuleContext<M extends string = string> {
  readonly target: K8sObject;
  readonly snapshot: Snapshot;
  readonly config: PalisadeConfig;
  /** Options for this rule from the config (`rules.options[<id>]`), or `{}`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The scan's reference time (waiver expiry etc.); fixed per scan so results are reproducible. */
  readonly now: Date;
  fail(messageId: M, data: MessageData, evidence: Evidence[]): void;
  /** Optional: a pass with a message and evidence (for evidence-rich audit reports). */
  pass(messageId?: M, data?: MessageData, evidence?: Evidence[]): void;
  notApplicable(reason: string): void;
  unknown(reason: string): void;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta<M>;
  /** Pure: reads `ctx.target` and `ctx.snapshot`, reports through `ctx`. No report = pass. */
  check(ctx: RuleContext<M>): void;
}

/** Declares a rule; the identity function that gives the message IDs a type. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** The family of a rule: the part of its ID before the slash. */
export function ruleFamily(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(0, slash);
}

/** Fills `{{name}}` placeholders; unknown names stay visible so a test catches them. */
export function formatMessage(template: string, data: MessageData): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : whole,
  );
}
