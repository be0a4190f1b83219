/** Availability (category reliability): disruption budgets, spreading, autoscaler bounds. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import antiAffinity from './anti-affinity.js';
import hpaReplicas from './hpa-replicas.js';
import pdbBlocksDrain from './pdb-blocks-drain.js';
import podDisruptionBudget from './pod-disruption-budget.js';

export const AVAILABILITY_RULES: readonly Rule[] = [antiAffinity, hpaReplicas, pdbBlocksDrain, podDisruptionBudget];
