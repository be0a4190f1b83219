/**
 * Whom the dry-run probes impersonate, and the least RBAC that allows exactly that.
 *
 * `palisade probes-rbac` writes the grant from the same functions the probes use, so the probes
 * never need more than the generated resourceNames, and `rbac/bind-escalate-impersonate` can judge
 * the grant by the named subjects' own rights instead of flagging the verb.
 */
import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { K8sObject } from '../model/k8s.js';
import { toSubject } from '../analysis/access.js';
import type { Subject } from '../analysis/rbac.js';
import { tenantModelFor, type Tenant, type TenantSubject } from '../analysis/tenants.js';
import type { Identity } from './http.js';
import { identityOf } from './questions.js';

export const DEFAULT_MAX_SUBJECTS = 25;
const AUTHENTICATED = 'system:authenticated';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_API = `${RBAC_GROUP}/v1`;
const PROBES_ROLE = 'palisade-probes-impersonate';

/**
 * Subjects probed for a tenant: configured ones first, then RoleBinding subjects, then the users
 * and groups it shares with other tenants (no home tenant), then ServiceAccounts.
 */
export function probeSubjects(t: Tenant, max: number): Subject[] {
  const order = { config: 0, 'role-binding': 1, 'service-account': 3 } as const;
  const SHARED = 2;
  const all: { s: TenantSubject; rank: number }[] = [...t.subjects.map((s) => ({ s, rank: order[s.source] })), ...(t.shared ?? []).map((s) => ({ s, rank: SHARED }))];
  return all.sort((a, b) => a.rank - b.rank).slice(0, max).map((x) => toSubject(x.s));
}

/** The user a tenant known only by a group is probed as (a group cannot be impersonated alone). */
function probeUser(tenant: string): string {
  return `palisade-probe:${tenant}`;
}

/**
 * The identity a dry-run is sent as. A user or ServiceAccount is impersonated by name alone: the
 * API server then adds `system:authenticated` (and a ServiceAccount's groups) itself, so no group
 * impersonation is needed. A group is impersonated with the tenant's probe user.
 */
export function impersonation(s: Subject, tenant: string): Identity {
  if (s.kind === 'Group') return { user: probeUser(tenant), groups: [s.name, AUTHENTICATED] };
  return { user: identityOf(s).user, groups: [] };
}

export interface ImpersonationGrantOptions {
  /** Palisade's ServiceAccount (default palisade/palisade). */
  serviceAccount?: { namespace: string; name: string };
  maxSubjectsPerTenant?: number;
}

const meta = (name: string, namespace?: string): K8sObject['metadata'] => ({
  name,
  ...(namespace ? { namespace } : {}),
  labels: { 'app.kubernetes.io/name': 'palisade', 'app.kubernetes.io/component': 'probes' },
});

const impersonate = (resource: string, names: readonly string[]): Record<string, unknown> => ({
  apiGroups: [''],
  resources: [resource],
  verbs: ['impersonate'],
  resourceNames: [...names].sort(),
});

/**
 * The RBAC objects that let Palisade's ServiceAccount impersonate exactly the probed subjects:
 * a ClusterRole naming users and groups (plus `create subjectaccessreviews`), and one Role per
 * namespace naming its ServiceAccounts, so a ServiceAccount name never matches in another namespace.
 */
export function impersonationGrant(snapshot: Snapshot, config: PalisadeConfig, opts: ImpersonationGrantOptions = {}): K8sObject[] {
  const sa = opts.serviceAccount ?? { namespace: 'palisade', name: 'palisade' };
  const max = opts.maxSubjectsPerTenant ?? DEFAULT_MAX_SUBJECTS;
  const users = new Set<string>();
  const groups = new Set<string>();
  const serviceAccounts = new Map<string, Set<string>>();
  for (const t of tenantModelFor(snapshot, config).tenants()) {
    for (const s of probeSubjects(t, max)) {
      if (s.kind === 'ServiceAccount') {
        const ns = s.namespace ?? '';
        serviceAccounts.set(ns, (serviceAccounts.get(ns) ?? new Set()).add(s.name));
        continue;
      }
      const id = impersonation(s, t.name);
      users.add(id.user);
      for (const g of id.groups) groups.add(g);
    }
  }
  const subject = { kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace };
  const rules: Record<string, unknown>[] = [];
  if (users.size > 0) rules.push(impersonate('users', [...users]));
  if (groups.size > 0) rules.push(impersonate('groups', [...groups]));
  // Picks a tenant subject allowed to create pods before probing (as kubectl-mtb's pre-run check).
  rules.push({ apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] });
  const out: K8sObject[] = [
    { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: meta(PROBES_ROLE), rules },
    { apiVersion: RBAC_API, kind: 'ClusterRoleBinding', metadata: meta(PROBES_ROLE), roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: PROBES_ROLE }, subjects: [subject] },
  ];
  for (const [ns, names] of [...serviceAccounts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(
      { apiVersion: RBAC_API, kind: 'Role', metadata: meta(PROBES_ROLE, ns), rules: [impersonate('serviceaccounts', [...names])] },
      { apiVersion: RBAC_API, kind: 'RoleBinding', metadata: meta(PROBES_ROLE, ns), roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: PROBES_ROLE }, subjects: [subject] },
    );
  }
  return out;
}
