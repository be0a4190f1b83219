import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { compileCustomRule } from '../policy/custom-rules.js';
import { vapRules } from '../policy/vap.js';
import { RULES } from '../rules/index.js';
import type { Rule } from './rule.js';

const compiled = new WeakMap<PalisadeConfig['customRules'], Rule[]>();

/** The config's customRules as rules (compiled once per config). */
export function customRulesOf(config: PalisadeConfig): Rule[] {
  let rules = compiled.get(config.customRules);
  if (!rules) {
    rules = config.customRules.map(compileCustomRule);
    compiled.set(config.customRules, rules);
  }
  return rules;
}

/**
 * Every rule a scan runs: the built-in registry, the config's customRules, and, given a snapshot,
 * one `vap/<name>` rule per ValidatingAdmissionPolicy in it.
 */
export function rulesFor(config: PalisadeConfig, snapshot?: Snapshot): readonly Rule[] {
  return [...RULES, ...customRulesOf(config), ...(snapshot ? vapRules(snapshot) : [])];
}
