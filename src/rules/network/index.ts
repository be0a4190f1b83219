/** CIS network rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import cniSupportsNetworkpolicy from './cni-supports-networkpolicy.js';
import namespaceHasNetworkpolicy from './namespace-has-networkpolicy.js';

export const NETWORK_RULES: readonly Rule[] = [
  cniSupportsNetworkpolicy,
  namespaceHasNetworkpolicy,
];
