import type { PalisadeConfig, TenantDefinition } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { matchesSelector } from '../inventory/selectors.js';
import { globMatch } from '../engine/glob.js';

export const SYSTEM_TENANT = 'system';
export const UNASSIGNED_TENANT = 'unassigned';
export const CAPSULE_TENANT_LABEL = 'capsule.clastix.io/tenant';

export interface Tenant {
  name: string;
  namespaces: string[];
  definition?: TenantDefinition;
}

/** Maps namespaces to tenants: config first, then the tenant label, then Capsule's label. */
export interface TenantModel {
  tenantOf(namespace: string | undefined): string | undefined;
  /** Real tenants (not `system` / `unassigned`), sorted by name. */
  tenants(): Tenant[];
  /** Every group including `system` and `unassigned`, for reports. */
  groups(): Tenant[];
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
      g = { name, namespaces: [] };
      const def = definitions.get(name);
      if (def) g.definition = def;
      groups.set(name, g);
    }
    g.namespaces.push(ns);
  }
  const sorted = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  return {
    tenantOf: (ns) => (ns === undefined ? undefined : byNamespace.get(ns) ?? (isSystem(ns) ? SYSTEM_TENANT : UNASSIGNED_TENANT)),
    tenants: () => sorted.filter((g) => g.name !== SYSTEM_TENANT && g.name !== UNASSIGNED_TENANT),
    groups: () => sorted,
  };
}
