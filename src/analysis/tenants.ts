import type { PalisadeConfig, TenantDefinition, TenantIsolation } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { matchesSelector } from '../inventory/selectors.js';
import { globMatch } from '../engine/glob.js';
import type { K8sObject } from '../model/k8s.js';
import { rbacModelFor, roleRefOf } from './rbac.js';

export const SYSTEM_TENANT = 'system';
export const UNASSIGNED_TENANT = 'unassigned';
export const CAPSULE_TENANT_LABEL = 'capsule.clastix.io/tenant';

export interface TenantSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  /** ServiceAccounts only. */
  namespace?: string;
  /** Why the subject belongs to the tenant. */
  source: 'config' | 'service-account' | 'role-binding';
  /** For users and groups found through RoleBindings: how their home tenant was inferred. */
  inference?: string;
}

/** A user or group with rights in two or more tenants and no inferable home tenant. */
export interface SharedSubject {
  kind: 'User' | 'Group';
  name: string;
  /** The tenants whose namespaces bind it, sorted. */
  tenants: string[];
  /** Why no home could be inferred. */
  reason: string;
  /** `RoleBinding/ns/name` of each binding, sorted. */
  bindings: string[];
}

export interface Tenant {
  name: string;
  namespaces: string[];
  definition?: TenantDefinition;
  /** The isolation profile the tenant is judged by (config; `soft` for tenants found by label only). */
  isolation: TenantIsolation;
  /** Who acts for the tenant: its ServiceAccounts, configured users/groups, users/groups whose home tenant it is. */
  subjects: TenantSubject[];
  /** Users and groups with rights here and in other tenants but no inferable home (see SharedSubject); probed too. */
  shared?: TenantSubject[];
}

/** Maps namespaces to tenants: config first, then the tenant label, then Capsule's label. */
export interface TenantModel {
  tenantOf(namespace: string | undefined): string | undefined;
  /** Real tenants (not `system` / `unassigned`), sorted by name. */
  tenants(): Tenant[];
  /** Every group including `system` and `unassigned`, for reports. */
  groups(): Tenant[];
  /** The tenant a subject acts for, if any (ServiceAccount by namespace; users/groups by config or bindings). */
  tenantOfSubject(subject: { kind: string; name: string; namespace?: string }): string | undefined;
  /** How a user's or group's home tenant was found (config, or the inference from its RoleBindings). */
  homeInference(subject: { kind: string; name: string }): string | undefined;
  /** Users and groups bound in two or more tenants whose home cannot be inferred. */
  sharedSubjects(): SharedSubject[];
  /** The isolation profile of a tenant by name (`soft` for unknown names, `system` and `unassigned`). */
  isolationOf(tenant: string | undefined): TenantIsolation;
}

/** `isolation` when given, else `hard` for `untrusted: true`, else `soft`. */
export function isolationOfDefinition(def: TenantDefinition | undefined): TenantIsolation {
  return def?.isolation ?? (def?.untrusted === true ? 'hard' : 'soft');
}

export function buildTenantModel(snapshot: Snapshot, config: PalisadeConfig): TenantModel {
  const byNamespace = new Map<string, string>();
  const definitions = new Map<string, TenantDefinition>();
  const t = config.tenancy;
  const isSystem = (ns: string): boolean =>
    ns === config.selfNamespace || t.systemNamespaces.some((g) => globMatch(g, ns));

  for (const ns of snapshot.namespaceNames()) {
    const labels = snapshot.namespace(ns)?.metadata.labels ?? {};
    let tenant: string | undefined;
    for (const def of t.tenants) {
      if (def.namespaces?.includes(ns) || (def.selector && matchesSelector(def.selector, labels))) {
        tenant = def.name;
        definitions.set(def.name, def);
        break;
      }
    }
    tenant ??= labels[t.labelKey] || (t.capsule ? labels[CAPSULE_TENANT_LABEL] : undefined) || undefined;
    if (!tenant) tenant = isSystem(ns) ? SYSTEM_TENANT : UNASSIGNED_TENANT;
    byNamespace.set(ns, tenant);
  }
  for (const def of t.tenants) definitions.set(def.name, def);

  const groups = new Map<string, Tenant>();
  for (const [ns, name] of byNamespace) {
    let g = groups.get(name);
    if (!g) {
      const def = definitions.get(name);
      g = { name, namespaces: [], subjects: [], isolation: isRealTenant(name) ? isolationOfDefinition(def) : 'soft' };
      if (def) g.definition = def;
      groups.set(name, g);
    }
    g.namespaces.push(ns);
  }
  const sorted = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  const tenantOf = (ns: string | undefined): string | undefined =>
    ns === undefined ? undefined : byNamespace.get(ns) ?? (isSystem(ns) ? SYSTEM_TENANT : UNASSIGNED_TENANT);
  const { index: userIndex, inference, shared } = assignSubjects(snapshot, sorted, tenantOf);
  return {
    homeInference: (s) => inference.get(`${s.kind}/${s.name}`),
    sharedSubjects: () => shared,
    tenantOf,
    tenants: () => sorted.filter((g) => isRealTenant(g.name)),
    groups: () => sorted,
    isolationOf: (name) => (name !== undefined && isRealTenant(name) ? (groups.get(name)?.isolation ?? 'soft') : 'soft'),
    tenantOfSubject: (s) =>
      s.kind === 'ServiceAccount' ? tenantOf(s.namespace) : userIndex.get(`${s.kind}/${s.name}`),
  };
}

export function isRealTenant(name: string | undefined): boolean {
  return name !== undefined && name !== SYSTEM_TENANT && name !== UNASSIGNED_TENANT;
}

interface RawSubject {
  kind?: string;
  name?: string;
  namespace?: string;
}

function subjectsOf(binding: K8sObject): RawSubject[] {
  const s = binding['subjects'];
  return Array.isArray(s) ? (s.filter((x) => typeof x === 'object' && x !== null) as RawSubject[]) : [];
}

/**
 * Fills `subjects` of each tenant and returns the user/group → tenant index: config subjects
 * first; then, for users and groups bound by RoleBindings in tenants' namespaces, the home tenant
 * inferred by `inferHome`. A ClusterRoleBinding does not change that: a tenant user who also holds
 * cluster-wide rights is exactly the leak to report, while platform users are typically bound only
 * cluster-wide.
 */
function assignSubjects(
  snapshot: Snapshot,
  groups: Tenant[],
  tenantOf: (ns: string | undefined) => string | undefined,
): { index: Map<string, string>; inference: Map<string, string>; shared: SharedSubject[] } {
  const byName = new Map(groups.map((g) => [g.name, g]));
  const index = new Map<string, string>();
  const inference = new Map<string, string>();
  const add = (tenant: string, subject: TenantSubject): void => {
    const g = byName.get(tenant);
    if (!g || !isRealTenant(tenant)) return;
    const key = `${subject.kind}/${subject.namespace ?? ''}/${subject.name}`;
    if (g.subjects.some((x) => `${x.kind}/${x.namespace ?? ''}/${x.name}` === key)) return;
    g.subjects.push(subject);
  };
  for (const g of groups) {
    for (const s of g.definition?.subjects ?? []) {
      const subject: TenantSubject = { kind: s.kind, name: s.name, source: 'config' };
      if (s.namespace) subject.namespace = s.namespace;
      add(g.name, subject);
      if (s.kind !== 'ServiceAccount') {
        index.set(`${s.kind}/${s.name}`, g.name);
        inference.set(`${s.kind}/${s.name}`, `declared in the subjects of tenant ${g.name} (config)`);
      }
    }
  }
  for (const sa of snapshot.ofKind('ServiceAccount')) {
    const t = tenantOf(sa.metadata.namespace);
    if (t) add(t, { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace ?? '', source: 'service-account' });
  }
  const shared: SharedSubject[] = [];
  for (const [key, grants] of tenantGrantsOfUsers(snapshot, tenantOf)) {
    if (index.has(key)) continue;
    const [kind, ...rest] = key.split('/') as ['User' | 'Group', ...string[]];
    const name = rest.join('/');
    const home = inferHome(name, grants);
    if (home.tenant !== undefined) {
      add(home.tenant, { kind, name, source: 'role-binding', inference: home.reason });
      index.set(key, home.tenant);
      inference.set(key, home.reason);
    } else if (new Set(grants.map((g) => g.tenant)).size >= 2) {
      shared.push({ kind, name, tenants: [...new Set(grants.map((g) => g.tenant))].sort(), reason: home.reason, bindings: [...new Set(grants.map((g) => g.binding))].sort() });
    }
  }
  for (const g of groups) g.subjects.sort((a, b) => `${a.kind}/${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.kind}/${b.namespace ?? ''}/${b.name}`));
  shared.sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
  for (const sh of shared) {
    for (const t of sh.tenants) {
      const g = byName.get(t);
      if (g) (g.shared ??= []).push({ kind: sh.kind, name: sh.name, source: 'role-binding', inference: `no home tenant: ${sh.reason}` });
    }
  }
  return { index, inference, shared };
}

/** How strong a grant is, for the home-tenant inference: admin > edit > write rules > view > read. */
export const GRANT_STRENGTH = { admin: 5, edit: 4, write: 3, view: 2, read: 1 } as const;
type Strength = keyof typeof GRANT_STRENGTH;

/** One RoleBinding of a user or group in a real tenant's namespace. */
export interface TenantGrant {
  tenant: string;
  binding: string;
  role: string;
  strength: Strength;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', '*']);

function strengthOf(snapshot: Snapshot, binding: K8sObject): { role: string; strength: Strength } {
  const model = rbacModelFor(snapshot);
  const ref = roleRefOf(binding);
  const role = ref ? `${ref.kind}/${ref.name}` : '(none)';
  if (ref?.kind === 'ClusterRole' && (ref.name === 'admin' || ref.name === 'edit' || ref.name === 'view')) return { role, strength: ref.name };
  const obj = model.roleOf(binding);
  const writes = obj !== undefined && model.rulesOf(obj).some(({ rule }) => rule.verbs.some((v) => WRITE_VERBS.has(v)));
  return { role, strength: writes ? 'write' : 'read' };
}

/** Every user's and group's RoleBindings in real tenants' namespaces (`system:` names are API-server internals). */
function tenantGrantsOfUsers(snapshot: Snapshot, tenantOf: (ns: string | undefined) => string | undefined): Map<string, TenantGrant[]> {
  const out = new Map<string, TenantGrant[]>();
  for (const rb of snapshot.ofKind('RoleBinding')) {
    const tenant = tenantOf(rb.metadata.namespace);
    if (!isRealTenant(tenant)) continue;
    const users = subjectsOf(rb).filter((s) => (s.kind === 'User' || s.kind === 'Group') && s.name && !s.name.startsWith('system:'));
    if (users.length === 0) continue;
    const { role, strength } = strengthOf(snapshot, rb);
    for (const s of users) {
      const key = `${s.kind}/${s.name ?? ''}`;
      const list = out.get(key) ?? [];
      list.push({ tenant: tenant!, binding: `RoleBinding/${rb.metadata.namespace ?? ''}/${rb.metadata.name}`, role, strength });
      out.set(key, list);
    }
  }
  return out;
}

/**
 * A user's or group's home tenant from its RoleBindings in tenants' namespaces: the tenant where it
 * holds its strongest grant; a tie broken by the tenant's name as the subject's name prefix (the
 * longest such name); otherwise no home. `reason` says which step decided, for the evidence.
 */
export function inferHome(name: string, grants: readonly TenantGrant[]): { tenant?: string; reason: string } {
  const tenants = [...new Set(grants.map((g) => g.tenant))].sort();
  if (tenants.length === 1) return { tenant: tenants[0]!, reason: `bound only in tenant ${tenants[0]}` };
  const best = new Map<string, TenantGrant>();
  for (const g of grants) {
    const prev = best.get(g.tenant);
    if (!prev || GRANT_STRENGTH[g.strength] > GRANT_STRENGTH[prev.strength]) best.set(g.tenant, g);
  }
  const top = Math.max(...[...best.values()].map((g) => GRANT_STRENGTH[g.strength]));
  const leaders = tenants.filter((t) => GRANT_STRENGTH[best.get(t)!.strength] === top);
  const others = tenants.filter((t) => !leaders.includes(t));
  const leader = best.get(leaders[0]!)!;
  if (leaders.length === 1) {
    return { tenant: leader.tenant, reason: `strongest grant (${leader.strength}: ${leader.role} by ${leader.binding}) in tenant ${leader.tenant}; also bound in ${others.join(', ')}` };
  }
  const prefixed = leaders.filter((t) => name.startsWith(t)).sort((a, b) => b.length - a.length);
  if (prefixed.length > 0 && (prefixed.length === 1 || prefixed[0]!.length > prefixed[1]!.length)) {
    return { tenant: prefixed[0]!, reason: `equally strong grants (${leader.strength}) in tenants ${leaders.join(', ')}; the name starts with tenant ${prefixed[0]}` };
  }
  return { reason: `equally strong grants (${leader.strength}) in tenants ${leaders.join(', ')} and no tenant name is a prefix of "${name}"` };
}

const modelCache = new WeakMap<Snapshot, WeakMap<PalisadeConfig, TenantModel>>();

/** The tenant model for a snapshot and config, built once and shared by rules and reports. */
export function tenantModelFor(snapshot: Snapshot, config: PalisadeConfig): TenantModel {
  let byConfig = modelCache.get(snapshot);
  if (!byConfig) modelCache.set(snapshot, (byConfig = new WeakMap()));
  let model = byConfig.get(config);
  if (!model) byConfig.set(config, (model = buildTenantModel(snapshot, config)));
  return model;
}
