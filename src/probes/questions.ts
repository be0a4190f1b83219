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

const QUOTA_RESOURCES = ['resourcequotas', 'limitranges'] as const;
const QUOTA_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
const SELF_MODIFY_VERBS = ['update', 'patch'] as const;
const NETPOL_VERBS = ['get', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;
const V = MTB_VERBS.length;

/** A check's questions for one subject: how many, and the j-th one's query (computed, not stored). */
interface PerSubject {
  check: ProbeCheck;
  expect: 'allow' | 'deny';
  count: number;
  query(j: number): ResourceQuery;
}

function perSubject(tenant: Tenant, others: readonly Tenant[]): PerSubject[] {
  const own = tenant.namespaces;
  const otherNs = others.filter((o) => o.name !== tenant.name).flatMap((o) => o.namespaces);
  const R = CROSS_TENANT_RESOURCES.length;
  const selfService = 2 * V + NETPOL_VERBS.length;
  return [
    { check: 'cluster-resources', expect: 'deny', count: CLUSTER_RESOURCES.length * V, query: (j) => { const r = CLUSTER_RESOURCES[Math.floor(j / V)]!; return q(MTB_VERBS[j % V]!, r.group, r.resource); } },
    {
      check: 'quota-modification', expect: 'deny', count: own.length * QUOTA_RESOURCES.length * QUOTA_VERBS.length,
      query: (j) => q(QUOTA_VERBS[j % QUOTA_VERBS.length]!, '', QUOTA_RESOURCES[Math.floor(j / QUOTA_VERBS.length) % QUOTA_RESOURCES.length]!, { namespace: own[Math.floor(j / (QUOTA_VERBS.length * QUOTA_RESOURCES.length))]! }),
    },
    {
      check: 'namespace-self-modification', expect: 'deny', count: own.length * SELF_MODIFY_VERBS.length,
      query: (j) => { const ns = own[Math.floor(j / SELF_MODIFY_VERBS.length)]!; return q(SELF_MODIFY_VERBS[j % SELF_MODIFY_VERBS.length]!, '', 'namespaces', { name: ns, namespace: ns }); },
    },
    {
      check: 'other-tenants', expect: 'deny', count: otherNs.length * R * V,
      query: (j) => {
        const r = CROSS_TENANT_RESOURCES[Math.floor(j / V) % R]!;
        return q(MTB_VERBS[j % V]!, r.group, r.resource, { namespace: otherNs[Math.floor(j / (R * V))]!, ...(r.subresource ? { subresource: r.subresource } : {}) });
      },
    },
    // Self-service (PL2 OPS-3/4) is a property of the tenant: some subject must be allowed each.
    {
      check: 'self-service', expect: 'allow', count: own.length * selfService,
      query: (j) => {
        const ns = own[Math.floor(j / selfService)]!;
        const k = j % selfService;
        if (k < V) return q(MTB_VERBS[k]!, 'rbac.authorization.k8s.io', 'roles', { namespace: ns });
        if (k < 2 * V) return q(MTB_VERBS[k - V]!, 'rbac.authorization.k8s.io', 'rolebindings', { namespace: ns });
        return q(NETPOL_VERBS[k - 2 * V]!, 'networking.k8s.io', 'networkpolicies', { namespace: ns });
      },
    },
  ];
}

/**
 * One check's questions for one tenant, generated on demand. A large cluster has millions of
 * cross-tenant questions (subjects × other tenants' namespaces × resources × verbs), so they are
 * never all built: `at(k)` gives the k-th, with subjects interleaved (k mod subjects), so the
 * first n questions of a group reach every subject.
 */
export interface QuestionGroup {
  check: ProbeCheck;
  size: number;
  at(k: number): AccessQuestion;
}

/** Every check's question group for one tenant: its subjects against cluster resources, its own guardrails, the other tenants' namespaces, and self-service. */
export function questionGroups(tenant: Tenant, subjects: readonly Subject[], others: readonly Tenant[]): QuestionGroup[] {
  const n = subjects.length;
  return perSubject(tenant, others).map((c) => ({
    check: c.check,
    size: n * c.count,
    at: (k: number): AccessQuestion => ({ check: c.check, subject: subjects[k % n]!, query: c.query(Math.floor(k / n)), expect: c.expect }),
  }));
}

/** Every question for one tenant, built (small inputs and tests; runs use questionGroups). */
export function questionsFor(tenant: Tenant, subjects: readonly Subject[], others: readonly Tenant[]): AccessQuestion[] {
  return questionGroups(tenant, subjects, others).flatMap((g) => Array.from({ length: g.size }, (_, k) => g.at(k)));
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
