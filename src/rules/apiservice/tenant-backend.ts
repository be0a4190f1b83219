import { defineRule } from '../../engine/rule.js';
import { realTenantOf } from '../tenancy/common.js';
import { backendOf, groupVersion } from './common.js';

/** Aggregated APIs served from a tenant's namespace: the tenant answers a cluster-wide API. */
export default defineRule({
  meta: {
    id: 'apiservice/tenant-backend',
    title: 'Aggregated APIs must not be served from a tenant namespace',
    description:
      'An APIService makes its Service the server of an API group for the whole cluster: every client of that group, in every namespace, the controllers included, talks to it, and the API server forwards each caller\'s identity with the request. Served from a tenant\'s namespace, the tenant (or anyone who compromises its pods) sees other tenants\' and the platform\'s requests, answers them as it likes, or makes the group unavailable, which stalls discovery and namespace deletion for everyone.',
    remediation: 'Move the APIService\'s backend (Deployment and Service) to a platform namespace that no tenant can write to.',
    severity: 'high',
    category: 'tenancy',
    // The Microsoft matrix has no technique for aggregated APIs; a tenant serving one sits between every client and the API (ATT&CK's adversary-in-the-middle).
    references: [{ framework: 'MITRE ATT&CK', id: 'T1557 Adversary-in-the-Middle' }],
    targets: ['APIService'],
    scope: 'object',
    requires: ['Namespace'],
    messages: { tenantBackend: 'APIService {{api}} is served by tenant {{tenant}} ({{service}}) for the whole cluster' },
  },
  check(ctx) {
    const backend = backendOf(ctx.target);
    if (!backend) return ctx.notApplicable('local APIService (served by kube-apiserver itself)');
    const tenant = realTenantOf(ctx, backend.namespace);
    const evidence = [{ path: 'spec.service.namespace', actual: backend.namespace, expected: 'a platform namespace' }];
    if (tenant) ctx.fail('tenantBackend', { api: groupVersion(ctx.target), tenant, service: `${backend.namespace}/${backend.name}` }, evidence);
    else ctx.pass(undefined, {}, evidence);
  },
});
