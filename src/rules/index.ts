/**
 * The one explicit rule registry. A tooling test fails when a rule file under src/rules/
 * is missing here, has no test beside it, or has a message no test exercises.
 * Keep each family's block sorted by ID.
 */
import type { Rule } from '../engine/rule.js';

// pss
import pssPrivileged from './pss/privileged.js';

export const RULES: readonly Rule[] = [
  // pss
  pssPrivileged,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
