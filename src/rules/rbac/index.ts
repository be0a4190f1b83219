/** CIS rbac rules. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import aggregatedRoleDrift from './aggregated-role-drift.js';
import bindEscalateImpersonate from './bind-escalate-impersonate.js';
import clusterAdminBinding from './cluster-admin-binding.js';
import csrApprovers from './csr-approvers.js';
import interactiveAccess from './interactive-access.js';
import nodesProxy from './nodes-proxy.js';
import podCreators from './pod-creators.js';
import pvCreators from './pv-creators.js';
import secretReaders from './secret-readers.js';
import tokenCreators from './token-creators.js';
import webhookConfigWriters from './webhook-config-writers.js';
import wildcardUse from './wildcard-use.js';

export const RBAC_RULES: readonly Rule[] = [
  aggregatedRoleDrift,
  bindEscalateImpersonate,
  clusterAdminBinding,
  csrApprovers,
  interactiveAccess,
  nodesProxy,
  podCreators,
  pvCreators,
  secretReaders,
  tokenCreators,
  webhookConfigWriters,
  wildcardUse,
];
