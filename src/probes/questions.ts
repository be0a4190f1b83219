/**
 * The access questions the live probes ask as each tenant's subjects, with the answer the
 * Multi-Tenancy Benchmarks expect. Pure: the same questions feed the offline RBAC comparison.
 */
import { CLUSTER_RESOURCES, MTB_VERBS } from '../analysis/access.js';
import type { ResourceQuery, Subject } from '../analysis/rbac.js';
import type { Tenant } from '../analysis/tenants.js';
import type { Identity } from './http.js';

export type ProbeCheck = 'cluster-resources' | 'quota-modification' | 'other-tenants' | 'namespace-self-modification' | 'self-service';

export interface AccessQuestion {
  check: ProbeCheck;
  subject: Subject;
  query: ResourceQuery;
  /** What a well-isolated tenant gets: `deny` for the PL1 checks, `allow` for PL2 self-service. */
  expect: 'allow' | 'deny';
}

/** The identity the API server authenticates for a binding subject (ServiceAccounts get their implicit groups). */
export function identityOf(s: Subject): Identity {
  if (s.kind === 'ServiceAccount') {
    const ns = s.namespace ?? '';
    return { user: `system:serviceaccount:${ns}:${s.name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] };
  }
  if (s.kind === 'Group') return { user: '', groups: [s.name, 'system:authenticated'] };
  return { user: s.name, groups: ['system:authenticated'] };
}

/** Namespaced resources whose access across tenants MTB-PL1-CC-TI-2 asks about. */
export const CROSS_TENANT_RESOURCES: readonly { group: string; resource: string; subresource?: string }[] = [
  { group: '', resource: 'pods' },
  { group: '', resource: 'pods', subresource: 'exec' },
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: '', resource: 'services' },
  { group: 'apps', resource: 'deployments' },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
];

const q = (verb: string, group: string, resource: string, extra: Partial<ResourceQuery> = {}): ResourceQuery => ({ verb, group, resource, ...extra });

/** Every question for one tenant: its subjects against cluster resources, its own guardrails, and the other tenants' namespaces. */
export function questionsFor(tenant: Tenant, subjects: readonly Subject[], others: readonly Tenant[]): AccessQuestion[] {
  const out: AccessQuestion[] = [];
  const own = tenant.namespaces;
  for (const subject of subjects) {
    for (const r of CLUSTER_RESOURCES) for (const verb of MTB_VERBS) out.push({ check: 'cluster-resources', subject, query: q(verb, r.group, r.resource), expect: 'deny' });
    for (const ns of own) {
      for (const resource of ['resourcequotas', 'limitranges']) {
        for (const verb of ['create', 'update', 'patch', 'delete', 'deletecollection']) out.push({ check: 'quota-modification', subject, query: q(verb, '', resource, { namespace: ns }), expect: 'deny' });
      }
      for (const verb of ['update', 'patch']) out.push({ check: 'namespace-self-modification', subject, query: q(verb, '', 'namespaces', { name: ns, namespace: ns }), expect: 'deny' });
    }
    for (const other of others) {
      if (other.name === tenant.name) continue;
      for (const ns of other.namespaces) {
        for (const r of CROSS_TENANT_RESOURCES) {
          for (const verb of MTB_VERBS) {
            out.push({ check: 'other-tenants', subject, query: q(verb, r.group, r.resource, { namespace: ns, ...(r.subresource ? { subresource: r.subresource } : {}) }), expect: 'deny' });
          }
        }
      }
    }
  }
  // Self-service (PL2 OPS-3/4) is a property of the tenant, asked once per namespace and subject.
  for (const ns of own) {
    for (const subject of subjects) {
      for (const verb of MTB_VERBS) {
        out.push({ check: 'self-service', subject, query: q(verb, 'rbac.authorization.k8s.io', 'roles', { namespace: ns }), expect: 'allow' });
        out.push({ check: 'self-service', subject, query: q(verb, 'rbac.authorization.k8s.io', 'rolebindings', { namespace: ns }), expect: 'allow' });
      }
      for (const verb of ['get', 'create', 'update', 'patch', 'delete', 'deletecollection']) {
        out.push({ check: 'self-service', subject, query: q(verb, 'networking.k8s.io', 'networkpolicies', { namespace: ns }), expect: 'allow' });
      }
    }
  }
  return out;
}

/** The SubjectAccessReview body for a question. */
export function sarBody(question: AccessQuestion): unknown {
  const id = identityOf(question.subject);
  const attrs: Record<string, string> = { verb: question.query.verb, group: question.query.group, resource: question.query.resource };
  if (question.query.subresource) attrs['subresource'] = question.query.subresource;
  if (question.query.namespace) attrs['namespace'] = question.query.namespace;
  if (question.query.name) attrs['name'] = question.query.name;
  const spec: Record<string, unknown> = { resourceAttributes: attrs, groups: id.groups };
  if (id.user) spec['user'] = id.user;
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec };
}

export function queryText(query: ResourceQuery): string {
  const res = query.subresource ? `${query.resource}/${query.subresource}` : query.resource;
  const grp = query.group ? `.${query.group}` : '';
  return `${query.verb} ${res}${grp}${query.name ? ` ${query.name}` : ''}${query.namespace ? ` in ${query.namespace}` : ' (cluster-wide)'}`;
}
