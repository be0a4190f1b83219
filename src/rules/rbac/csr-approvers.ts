import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = [{ verbs: ['update', 'patch'], group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', clusterScoped: true }];

/** CIS 5.1.11: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/csr-approvers',
    title: 'The right to approve certificate signing requests should be limited',
    description:
      'Approving a CertificateSigningRequest lets a subject obtain a client certificate for any identity, including system:masters members, with the cluster CA.',
    remediation: 'Remove update/patch on certificatesigningrequests/approval except for the CSR approver controller and trusted administrators.',
    severity: 'high',
    category: 'security',
    references: [cis('5.1.11')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { approvesCsrs: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'approvesCsrs', PERMISSIONS, 'no update/patch on certificatesigningrequests/approval');
  },
});
