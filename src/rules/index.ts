/**
 * The one explicit rule registry: each family exports its list from `<family>/index.ts`.
 * A tooling test (test/unit/tooling.test.ts) fails when a rule file under src/rules/ is
 * missing here, has no test beside it, or has a message no test exercises.
 */
import type { Rule } from '../engine/rule.js';
import { PSS_RULES } from './pss/index.js';
import { PALISADE_RULES } from './palisade/index.js';

export const RULES: readonly Rule[] = [...PSS_RULES, ...PALISADE_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
