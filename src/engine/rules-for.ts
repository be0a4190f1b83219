import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { hasMatchConditions, loadMatchConditionCel } from '../policy/match-conditions.js';
import { RULES } from '../rules/index.js';
import type { Rule } from './rule.js';

type CustomRules = typeof import('../policy/custom-rules.js');
type VapModule = typeof import('../policy/vap.js');

const compiled = new WeakMap<PalisadeConfig['customRules'], Rule[]>();

/**
 * The policy modules (CEL, ajv) are loaded only by a scan that has custom rules or
 * ValidatingAdmissionPolicies: they are a sizeable part of a plain scan's fixed memory.
 */
let customRulesModule: Promise<CustomRules> | undefined;
let vapModule: Promise<VapModule> | undefined;

/** The config's customRules as rules (compiled once per config). */
export async function customRulesOf(config: PalisadeConfig): Promise<Rule[]> {
  if (config.customRules.length === 0) return [];
  let rules = compiled.get(config.customRules);
  if (!rules) {
    const { compileCustomRule } = await (customRulesModule ??= import('../policy/custom-rules.js'));
    rules = config.customRules.map(compileCustomRule);
    compiled.set(config.customRules, rules);
  }
  return rules;
}

/** One `vap/<name>` rule per ValidatingAdmissionPolicy in the snapshot. */
async function vapRulesOf(snapshot: Snapshot): Promise<Rule[]> {
  if (snapshot.ofKind('ValidatingAdmissionPolicy').length === 0) return [];
  const { vapRules } = await (vapModule ??= import('../policy/vap.js'));
  return vapRules(snapshot);
}

const MATCH_CONDITION_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ImageValidatingPolicy', 'ValidatingAdmissionPolicy'];

/**
 * Every rule a scan runs: the built-in registry, the config's customRules, and, given a snapshot,
 * one `vap/<name>` rule per ValidatingAdmissionPolicy in it.
 */
export async function rulesFor(config: PalisadeConfig, snapshot?: Snapshot): Promise<readonly Rule[]> {
  if (snapshot && MATCH_CONDITION_KINDS.some((k) => snapshot.ofKind(k).some(hasMatchConditions))) await loadMatchConditionCel();
  return [...RULES, ...(await customRulesOf(config)), ...(snapshot ? await vapRulesOf(snapshot) : [])];
}
