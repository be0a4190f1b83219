/** CIS secrets rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import bootstrapTokens from './bootstrap-tokens.js';
import externalSecretStorage from './external-secret-storage.js';

export const SECRETS_RULES: readonly Rule[] = [
  bootstrapTokens,
  externalSecretStorage,
];
