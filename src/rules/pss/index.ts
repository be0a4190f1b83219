/** Pod Security Standards rules, one per PSA check. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import privileged from './privileged.js';

export const PSS_RULES: readonly Rule[] = [privileged];
