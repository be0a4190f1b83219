/** Network rules: CIS 5.3 and load-balancer exposure. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import cloudMetadataEgress from './cloud-metadata-egress.js';
import cniSupportsNetworkpolicy from './cni-supports-networkpolicy.js';
import ingressTls from './ingress-tls.js';
import loadBalancerSourceRanges from './load-balancer-source-ranges.js';
import namespaceHasNetworkpolicy from './namespace-has-networkpolicy.js';
import workloadPolicyCoverage from './workload-policy-coverage.js';

export const NETWORK_RULES: readonly Rule[] = [
  cloudMetadataEgress,
  cniSupportsNetworkpolicy,
  ingressTls,
  loadBalancerSourceRanges,
  namespaceHasNetworkpolicy,
  workloadPolicyCoverage,
];
