/**
 * The one explicit rule registry: each family exports its list from `<family>/index.ts`.
 * A tooling test (test/unit/tooling.test.ts) fails when a rule file under src/rules/ is
 * missing here, has no test beside it, or has a message no test exercises.
 */
import type { Rule } from '../engine/rule.js';
import { PSS_RULES } from './pss/index.js';
import { WORKLOAD_RULES } from './workload/index.js';
import { PALISADE_RULES } from './palisade/index.js';
import { TENANCY_RULES } from './tenancy/index.js';
import { CONTROL_PLANE_RULES } from './control-plane/index.js';
import { ETCD_RULES } from './etcd/index.js';
import { ADMISSION_RULES } from './admission/index.js';
import { RBAC_RULES } from './rbac/index.js';
import { SERVICE_ACCOUNT_RULES } from './service-accounts/index.js';
import { KUBELET_RULES } from './kubelet/index.js';
import { NETWORK_RULES } from './network/index.js';
import { SECRETS_RULES } from './secrets/index.js';
import { REFERENCES_RULES } from './references/index.js';
import { AVAILABILITY_RULES } from './availability/index.js';
import { VERSIONS_RULES } from './versions/index.js';
import { APISERVICE_RULES } from './apiservice/index.js';
import { EXPOSURE_RULES } from './exposure/index.js';

export const RULES: readonly Rule[] = [...PSS_RULES, ...WORKLOAD_RULES, ...PALISADE_RULES, ...TENANCY_RULES, ...CONTROL_PLANE_RULES, ...ETCD_RULES, ...ADMISSION_RULES, ...RBAC_RULES, ...SERVICE_ACCOUNT_RULES, ...KUBELET_RULES, ...NETWORK_RULES, ...SECRETS_RULES, ...REFERENCES_RULES, ...AVAILABILITY_RULES, ...VERSIONS_RULES, ...APISERVICE_RULES, ...EXPOSURE_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
