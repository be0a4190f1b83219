import { defineRule } from '../../engine/rule.js';
import { listText, realTenantOf } from '../tenancy/common.js';
import { WEBHOOK_KINDS, interceptsClusterScoped, selectsNamespace, webhookLabel, webhooksOf } from './webhooks.js';

/** Webhooks whose backend Service is in a tenant's namespace and that see requests beyond that tenant. */
export default defineRule({
  meta: {
    id: 'admission/webhook-tenant-backend',
    title: 'Webhooks that see other tenants\' requests must not be served from a tenant namespace',
    description:
      'Whoever runs a webhook\'s backend sees every request it matches and decides its fate: a validating webhook can block them (a denial of service on every namespace it covers), a mutating one can rewrite them (inject a container into every pod). When the backend Service is in a tenant\'s namespace, that tenant — or anyone who compromises one of its pods — reads, forges or blocks requests of other tenants and of the platform. Only webhooks whose namespaceSelector limits them to the tenant\'s own namespaces, with no cluster-scoped resources, are confined to the tenant.',
    remediation:
      'Run shared webhooks from a platform namespace. If a tenant needs its own webhook, limit its namespaceSelector to that tenant\'s namespaces (e.g. the tenant label) and its rules to `scope: Namespaced`.',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'Microsoft Threat Matrix', id: 'MS-TA9015 Malicious admission controller' }],
    targets: WEBHOOK_KINDS,
    scope: 'object',
    requires: ['Namespace'],
    messages: { tenantBackend: 'Webhook {{webhook}} is served by tenant {{tenant}} ({{service}}) and sees requests {{reach}}' },
  },
  check(ctx) {
    const hooks = webhooksOf(ctx.target);
    if (hooks.length === 0) return ctx.notApplicable('no webhooks');
    const served = hooks.map((w) => ({ w, tenant: w.service ? realTenantOf(ctx, w.service.namespace) : undefined })).filter((x) => x.tenant !== undefined);
    if (served.length === 0) return ctx.notApplicable('no webhook is served from a tenant namespace');
    let failed = false;
    for (const { w, tenant } of served) {
      const others = ctx.snapshot.namespaceNames().filter((ns) => realTenantOf(ctx, ns) !== tenant && selectsNamespace(ctx.snapshot, w, ns));
      const cluster = interceptsClusterScoped(w);
      if (others.length === 0 && !cluster) continue;
      failed = true;
      const reach = [others.length > 0 ? `in ${listText(others)}` : '', cluster ? 'for cluster-scoped resources' : ''].filter((s) => s !== '').join(' and ');
      ctx.fail('tenantBackend', { webhook: webhookLabel(ctx.target, w), tenant: tenant!, service: `${w.service!.namespace}/${w.service!.name}`, reach }, [
        { path: `${w.path}.clientConfig.service.namespace`, actual: w.service!.namespace, expected: 'a platform namespace' },
        { path: `${w.path}.namespaceSelector`, actual: { selector: w.namespaceSelector, otherNamespaces: others.slice(0, 20), clusterScoped: cluster }, expected: `only tenant ${tenant!}'s namespaces, namespaced resources` },
      ]);
    }
    if (!failed) ctx.pass(undefined, {}, [{ path: 'webhooks', actual: served.map((x) => x.w.name), expected: 'tenant-served webhooks confined to their tenant' }]);
  },
});
