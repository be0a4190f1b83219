import type { PalisadeConfig, TenantDefinition } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { matchesSelector } from '../inventory/selectors.js';
import { globMatch } from '../engine/glob.js';
import type { K8sObject } from '../model/k8s.js';

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
}

export interface Tenant {
  name: string;
  namespaces: string[];
  definition?: TenantDefinition;
  /** Who acts for the tenant: its ServiceAccounts, configured users/groups, users/groups bound only in its namespaces. */
  subjects: TenantSubject[];
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
      g = { name, namespaces: [], subjects: [] };
      const def = definitions.get(name);
      if (def) g.definition = def;
      groups.set(name, g);
    }
    g.namespaces.push(ns);
  }
  const sorted = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  const tenantOf = (ns: string | undefined): string | undefined =>
    ns === undefined ? undefined : byNamespace.get(ns) ?? (isSystem(ns) ? SYSTEM_TENANT : UNASSIGNED_TENANT);
  const userIndex = assignSubjects(snapshot, sorted, tenantOf);
  return {
    tenantOf,
    tenants: () => sorted.filter((g) => isRealTenant(g.name)),
    groups: () => sorted,
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
 * Fills `subjects` of each tenant and returns the user/group → tenant index:
 * config subjects first; then users and groups whose RoleBindings are all inside one tenant's
 * namespaces. A ClusterRoleBinding does not change that: a tenant user who also holds cluster-wide
 * rights is exactly the leak to report, while platform users are typically bound only cluster-wide.
 */
function assignSubjects(snapshot: Snapshot, groups: Tenant[], tenantOf: (ns: string | undefined) => string | undefined): Map<string, string> {
  const byName = new Map(groups.map((g) => [g.name, g]));
  const index = new Map<string, string>();
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
      if (s.kind !== 'ServiceAccount') index.set(`${s.kind}/${s.name}`, g.name);
    }
  }
  for (const sa of snapshot.ofKind('ServiceAccount')) {
    const t = tenantOf(sa.metadata.namespace);
    if (t) add(t, { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace ?? '', source: 'service-account' });
  }
  // Users/groups: the set of tenants whose namespaces bind them.
  const seen = new Map<string, Set<string>>();
  for (const rb of snapshot.ofKind('RoleBinding')) {
    const t = tenantOf(rb.metadata.namespace) ?? UNASSIGNED_TENANT;
    for (const s of subjectsOf(rb)) {
      if ((s.kind !== 'User' && s.kind !== 'Group') || !s.name || s.name.startsWith('system:')) continue;
      const key = `${s.kind}/${s.name}`;
      let set = seen.get(key);
      if (!set) seen.set(key, (set = new Set()));
      set.add(t);
    }
  }
  for (const [key, set] of seen) {
    if (set.size !== 1 || index.has(key)) continue;
    const tenant = [...set][0]!;
    if (!isRealTenant(tenant)) continue;
    const [kind, ...rest] = key.split('/');
    add(tenant, { kind: kind as 'User' | 'Group', name: rest.join('/'), source: 'role-binding' });
    index.set(key, tenant);
  }
  for (const g of groups) g.subjects.sort((a, b) => `${a.kind}/${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.kind}/${b.namespace ?? ''}/${b.name}`));
  return index;
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
