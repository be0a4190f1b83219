import { defineRule } from '../../engine/rule.js';
import { realTenantOf, specOf, tenantOrSkip } from './common.js';

/** `name.namespace.svc[.cluster.local]` → namespace; undefined for names outside the cluster DNS. */
export function clusterDnsNamespace(host: string, clusterDomain = 'cluster.local'): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  const m = /^(?:[a-z0-9-]+\.)?[a-z0-9-]+\.([a-z0-9-]+)\.svc(?:\.(.+))?$/.exec(h);
  if (!m) return undefined;
  if (m[2] !== undefined && m[2] !== clusterDomain) return undefined;
  return m[1];
}

/** ExternalName Services aliasing another namespace's Service: a cross-tenant trust edge (and an Ingress-controller confused deputy). */
export default defineRule({
  meta: {
    id: 'tenancy/external-name-service',
    title: 'ExternalName Services must not point into other tenants’ namespaces',
    description:
      'An ExternalName Service is a DNS alias; pointed at `svc.namespace.svc.cluster.local` of another tenant it routes the tenant’s Ingress or clients into that tenant, and some Ingress controllers follow it with their own privileges.',
    remediation: 'Point ExternalName Services only at names outside the cluster or into the tenant’s own namespaces; block the type with admission policy if tenants do not need it.',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'pending #1201 (cross-tenant trust edges)' }],
    targets: ['Service'],
    scope: 'object',
    context: 'namespace',
    messages: {
      crossTenant: 'ExternalName Service of tenant {{tenant}} points at {{host}} in namespace {{namespace}} ({{owner}})',
    },
  },
  check(ctx) {
    const spec = specOf(ctx.target);
    if (spec['type'] !== 'ExternalName') {
      ctx.notApplicable('not an ExternalName Service');
      return;
    }
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const host = typeof spec['externalName'] === 'string' ? spec['externalName'] : '';
    const namespace = clusterDnsNamespace(host);
    if (!namespace || namespace === ctx.target.metadata.namespace) return;
    const owner = realTenantOf(ctx, namespace);
    if (owner === tenant) return;
    ctx.fail('crossTenant', { tenant, host, namespace, owner: owner ? `tenant ${owner}` : 'outside the tenant' }, [
      { path: 'spec.externalName', actual: host, expected: `a name outside the cluster or in tenant ${tenant}` },
    ]);
  },
});
