/** Broken references: objects naming pods, Services or workloads that are not there. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import hpaTarget from './hpa-target.js';
import ingressBackend from './ingress-backend.js';
import networkpolicySelector from './networkpolicy-selector.js';
import pdbSelector from './pdb-selector.js';
import podConfigmap from './pod-configmap.js';
import podServiceAccount from './pod-service-account.js';
import serviceSelector from './service-selector.js';

export const REFERENCES_RULES: readonly Rule[] = [
  hpaTarget,
  ingressBackend,
  networkpolicySelector,
  pdbSelector,
  podConfigmap,
  podServiceAccount,
  serviceSelector,
];
