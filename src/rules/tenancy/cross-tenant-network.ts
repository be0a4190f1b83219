import { TENANT_KIND, defineRule } from '../../engine/rule.js';
import { formatPorts } from '../../analysis/network.js';
import { isRealTenant } from '../../analysis/tenants.js';
import { listText, mtbRef, networkOf, targetTenant } from './common.js';

/** Which other tenants can open connections to this tenant's pods (NetworkPolicy semantics, both directions). */
export default defineRule({
  meta: {
    id: 'tenancy/cross-tenant-network',
    title: 'Other tenants must not reach a tenant’s pods over the network',
    description:
      'A connection needs egress allowed at the source and ingress allowed at the destination. When both hold between two tenants, a compromised workload of one tenant can talk to the other tenant’s pods directly.',
    remediation:
      'Add default-deny ingress to every tenant namespace and allow only the tenant’s own namespaces (namespaceSelector on the tenant label); avoid namespaceSelector: {} and empty `from` lists.',
    severity: 'critical',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-BC-NI-1'), mtbRef('pending #1201')],
    targets: [TENANT_KIND],
    scope: 'tenant',
    requires: ['NetworkPolicy', 'Pod', 'Namespace'],
    messages: {
      reachable: 'Tenant {{source}} can reach tenant {{tenant}} ({{example}}, {{ports}}) {{how}}',
    },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    const net = networkOf(ctx);
    const row = net.tenantMatrix().get(tenant.name);
    if (!row) {
      ctx.notApplicable(`tenant ${tenant.name} has no pods or pod templates`);
      return;
    }
    for (const [source, reach] of [...row].sort(([a], [b]) => a.localeCompare(b))) {
      if (source === tenant.name || !isRealTenant(source)) continue;
      const how = reach.unrestricted
        ? 'because some of its pods are not selected by any ingress policy'
        : `through ingress policy ${listText(reach.ingressPolicies)}`;
      ctx.fail(
        'reachable',
        { source, tenant: tenant.name, example: `${reach.example.from} → ${reach.example.to}`, ports: formatPorts(reach.example.ports), how },
        [
          {
            path: `reachableFrom[${source}]`,
            actual: {
              from: reach.example.from,
              to: reach.example.to,
              ingressPolicies: reach.unrestricted && reach.ingressPolicies.length === 0 ? 'none (pod not isolated for ingress)' : reach.ingressPolicies,
              egressPolicies: reach.egressPolicies.length === 0 ? 'none (source not isolated for egress)' : reach.egressPolicies,
            },
            expected: `no connection from tenant ${source}`,
          },
        ],
      );
    }
  },
});
