/** CIS service-accounts rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import defaultServiceAccount from './default-service-account.js';

export const SERVICE_ACCOUNT_RULES: readonly Rule[] = [
  defaultServiceAccount,
];
