/** Rules about Palisade's own configuration (waivers). Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import waiverExpired from './waiver-expired.js';
import waiverUnused from './waiver-unused.js';

export const PALISADE_RULES: readonly Rule[] = [waiverExpired, waiverUnused];
