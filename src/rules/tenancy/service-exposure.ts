import { defineRule } from '../../engine/rule.js';
import { mtbRef, specOf, tenantOrSkip } from './common.js';

/** NodePort / LoadBalancer / externalIPs on tenant Services: exposure outside the tenant's network boundary. */
export default defineRule({
  meta: {
    id: 'tenancy/service-exposure',
    title: 'Tenant Services must not use NodePort, LoadBalancer or externalIPs',
    description:
      'A NodePort opens a port on every node, shared by all tenants and not always covered by NetworkPolicy; a LoadBalancer exposes the tenant outside the cluster; externalIPs let a tenant intercept traffic for any address (CVE-2020-8554).',
    remediation: 'Use ClusterIP Services behind the platform’s Ingress or Gateway; restrict NodePort/LoadBalancer with quota (services.nodeports=0) and admission policy.',
    severity: 'medium',
    category: 'tenancy',
    references: [mtbRef('MTB-PL1-BC-HI-1'), { framework: 'CIS', id: '1.12 §1.2.3' }],
    targets: ['Service'],
    scope: 'object',
    context: 'namespace',
    messages: {
      nodePort: 'Service of tenant {{tenant}} is of type NodePort',
      loadBalancer: 'Service of tenant {{tenant}} is of type LoadBalancer{{ranges}}',
      externalIPs: 'Service of tenant {{tenant}} sets externalIPs {{ips}}',
    },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const spec = specOf(ctx.target);
    const type = spec['type'];
    if (type === 'NodePort') ctx.fail('nodePort', { tenant }, [{ path: 'spec.type', actual: type, expected: 'ClusterIP' }]);
    if (type === 'LoadBalancer') {
      const ranges = Array.isArray(spec['loadBalancerSourceRanges']) ? (spec['loadBalancerSourceRanges'] as string[]) : [];
      ctx.fail('loadBalancer', { tenant, ranges: ranges.length ? ` (source ranges ${ranges.join(', ')})` : ' open to any source' }, [
        { path: 'spec.type', actual: type, expected: 'ClusterIP' },
      ]);
    }
    const ips = Array.isArray(spec['externalIPs']) ? (spec['externalIPs'] as string[]) : [];
    if (ips.length > 0) ctx.fail('externalIPs', { tenant, ips: ips.join(', ') }, [{ path: 'spec.externalIPs', actual: ips, expected: 'unset' }]);
  },
});
