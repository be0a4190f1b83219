/**
 * Cross-tenant access, from the RBAC model (src/analysis/rbac.ts; no second evaluator here):
 * - who outside a tenant can read, write, exec or escalate inside its namespaces;
 * - which tenant subjects hold cluster-scoped or dangerous permissions;
 * - ServiceAccounts of one tenant bound in another tenant's namespaces.
 */
import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { objectRef, type K8sObject, type ObjectRef } from '../model/k8s.js';
import {
  RbacModel,
  grantPath,
  aggregationFor,
  isSystemRbacObject,
  rbacObjectsOf,
  roleRefOf,
  subjectKey,
  subjectMatches,
  subjectsOf,
  userInfoOf,
  type AccessQuery,
  type Decision,
  type Grant,
  type ResourceQuery,
  type Subject,
  type SubjectGrants,
  type UserInfo,
} from './rbac.js';
import { isRealTenant, SYSTEM_TENANT, tenantModelFor, type TenantModel, type TenantSubject } from './tenants.js';

export type AccessChannel = 'read' | 'write' | 'exec' | 'escalate';

export interface AccessProbe {
  channel: AccessChannel;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

const q = (channel: AccessChannel, verb: string, group: string, resource: string, subresource?: string): AccessProbe =>
  subresource ? { channel, verb, group, resource, subresource } : { channel, verb, group, resource };

/** What "acting inside a namespace" means for the cross-tenant analysis. */
export const NAMESPACE_PROBES: readonly AccessProbe[] = [
  ...['get', 'list', 'watch'].flatMap((v) => [q('read', v, '', 'secrets'), q('read', v, '', 'configmaps'), q('read', v, '', 'pods')]),
  ...['create', 'update', 'patch', 'delete'].flatMap((v) => [
    q('write', v, '', 'pods'),
    q('write', v, '', 'secrets'),
    q('write', v, '', 'configmaps'),
    q('write', v, '', 'services'),
    q('write', v, 'apps', 'deployments'),
  ]),
  q('exec', 'create', '', 'pods', 'exec'),
  // WebSocket exec is authorized with `get` until KEP-4006 is on everywhere.
  q('exec', 'get', '', 'pods', 'exec'),
  q('exec', 'create', '', 'pods', 'attach'),
  q('exec', 'create', '', 'pods', 'portforward'),
  q('escalate', 'create', 'rbac.authorization.k8s.io', 'rolebindings'),
  q('escalate', 'escalate', 'rbac.authorization.k8s.io', 'roles'),
  q('escalate', 'bind', 'rbac.authorization.k8s.io', 'roles'),
  q('escalate', 'bind', 'rbac.authorization.k8s.io', 'clusterroles'),
  q('escalate', 'create', '', 'serviceaccounts', 'token'),
];

export interface DangerousProbe extends AccessProbe {
  label: string;
  /** Asked cluster-wide (ClusterRoleBindings only) when true; otherwise in any namespace. */
  cluster: boolean;
}

const d = (label: string, verb: string, group: string, resource: string, subresource?: string): DangerousProbe => ({
  ...q('escalate', verb, group, resource, subresource),
  label,
  cluster: true,
});

/** Cluster-scoped or dangerous permissions no tenant subject should hold. */
export const DANGEROUS_PROBES: readonly DangerousProbe[] = [
  d('read secrets cluster-wide', 'list', '', 'secrets'),
  d('read secrets cluster-wide', 'get', '', 'secrets'),
  d('exec into pods cluster-wide', 'create', '', 'pods', 'exec'),
  d('exec into pods cluster-wide', 'get', '', 'pods', 'exec'),
  d('impersonate users', 'impersonate', '', 'users'),
  d('impersonate groups', 'impersonate', '', 'groups'),
  d('impersonate service accounts', 'impersonate', '', 'serviceaccounts'),
  d('escalate cluster roles', 'escalate', 'rbac.authorization.k8s.io', 'clusterroles'),
  d('bind cluster roles', 'bind', 'rbac.authorization.k8s.io', 'clusterroles'),
  d('create cluster role bindings', 'create', 'rbac.authorization.k8s.io', 'clusterrolebindings'),
  d('node proxy (exec on the node)', 'get', '', 'nodes', 'proxy'),
  d('node proxy (exec on the node)', 'create', '', 'nodes', 'proxy'),
  d('create persistent volumes', 'create', '', 'persistentvolumes'),
  d('modify namespaces', 'patch', '', 'namespaces'),
  d('modify namespaces', 'update', '', 'namespaces'),
  d('approve certificate signing requests', 'update', 'certificates.k8s.io', 'certificatesigningrequests', 'approval'),
  d('modify admission webhooks', 'create', 'admissionregistration.k8s.io', 'validatingwebhookconfigurations'),
  d('modify admission webhooks', 'create', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations'),
];

/** Cluster-scoped resources for MTB-PL1-CC-CPI-1 (group, resource). */
export const CLUSTER_RESOURCES: readonly { group: string; resource: string }[] = [
  { group: '', resource: 'nodes' },
  { group: '', resource: 'namespaces' },
  { group: '', resource: 'persistentvolumes' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' },
  { group: 'storage.k8s.io', resource: 'storageclasses' },
  { group: 'storage.k8s.io', resource: 'csidrivers' },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' },
  { group: 'scheduling.k8s.io', resource: 'priorityclasses' },
  { group: 'node.k8s.io', resource: 'runtimeclasses' },
  { group: 'networking.k8s.io', resource: 'ingressclasses' },
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' },
  { group: 'apiregistration.k8s.io', resource: 'apiservices' },
  { group: 'certificates.k8s.io', resource: 'certificatesigningrequests' },
];

/** MTB-PL1-CC-CPI-1 names eight verbs; kubectl-mtb's code only asked two. */
export const MTB_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

export interface AccessEntry {
  subject: Subject;
  /** The tenant the subject acts for: `*` for groups that hold every tenant's identities, `undefined` for platform users outside every tenant. */
  subjectTenant: string | undefined;
  namespace: string;
  channels: AccessChannel[];
  /** `verb resource[/sub]` strings. */
  verbs: string[];
  /** Binding → role paths. */
  via: string[];
  /** For a user or group: how its home tenant was found (config, or inferred from its RoleBindings). */
  home?: string;
}

export interface DangerousEntry {
  subject: Subject;
  permissions: string[];
  via: string[];
}

/**
 * A binding whose Role or ClusterRole is not in an offline input. The API server's bootstrap
 * ClusterRoles are supplied offline, so these are roles defined elsewhere (another repository, a
 * chart): what the binding grants is not known, and no answer that depends on it is either.
 */
export interface UnresolvedBinding {
  binding: ObjectRef;
  /** `ClusterRole/name` or `Role/namespace/name`. */
  role: string;
  subjects: Subject[];
}

export interface CrossBoundServiceAccount {
  binding: ObjectRef;
  subject: Subject;
  subjectTenant: string;
}

/**
 * The RBAC model read two ways and merged: aggregated ClusterRoles with their stored rules and with
 * the rules computed from the roles they select. Exports and live clusters carry the filled-in rules
 * while the selected `system:aggregate-to-*` roles may be missing; hand-written manifests carry the
 * selectors with `rules: []`. A permission either view grants is granted.
 */
export interface RbacView {
  can(who: UserInfo | Subject, query: AccessQuery): Decision;
  subjectsThatCan(query: AccessQuery, filter?: (g: Grant) => boolean): SubjectGrants[];
}

function mergedRbac(computed: RbacModel, stored: RbacModel): RbacView {
  const key = (g: Grant): string => `${grantPath(g)}\u0000${subjectKey(g.subject)}`;
  const mergeGrants = (a: Grant[], b: Grant[]): Grant[] => {
    const seen = new Set(a.map(key));
    return [...a, ...b.filter((g) => !seen.has(key(g)))];
  };
  return {
    can(who, query) {
      const a = computed.can(who, query);
      const b = stored.can(who, query);
      const via = mergeGrants(a.via, b.via);
      const d: Decision = { allowed: a.allowed || b.allowed, via };
      const reason = a.reason ?? b.reason;
      if (reason !== undefined) d.reason = reason;
      return d;
    },
    subjectsThatCan(query, filter) {
      const out = new Map<string, SubjectGrants>();
      for (const m of [computed, stored]) {
        for (const sg of m.subjectsThatCan(query, filter ? (g) => filter(g) : undefined)) {
          const k = subjectKey(sg.subject);
          const prev = out.get(k);
          out.set(k, prev ? { subject: prev.subject, via: mergeGrants(prev.via, sg.via) } : sg);
        }
      }
      return [...out.values()].sort((x, y) => subjectKey(x.subject).localeCompare(subjectKey(y.subject)));
    },
  };
}

export interface AccessModel {
  rbac: RbacView;
  tenants: TenantModel;
  /** Subjects outside `tenant` that can act in its namespaces, one entry per subject and namespace. */
  accessibleBy(tenant: string): AccessEntry[];
  /** Tenant subjects holding cluster-scoped or dangerous permissions. */
  dangerous(tenant: string): DangerousEntry[];
  /** RoleBindings in the tenant's namespaces naming ServiceAccounts of another tenant. */
  crossBoundServiceAccounts(tenant: string): CrossBoundServiceAccount[];
  /** The identities that act for a tenant, as RBAC subjects. */
  subjectsOf(tenant: string): Subject[];
  /** Filter out bootstrap RBAC grants when the config says so. */
  relevant(g: Grant): boolean;
  /**
   * Offline only: bindings that may grant the tenant's subjects something in `namespace`
   * (RoleBindings there and ClusterRoleBindings), or cluster-wide when `namespace` is undefined
   * (ClusterRoleBindings only), whose role is not in the input.
   */
  unresolvedFor(tenant: string, namespace?: string): UnresolvedBinding[];
  /** Offline only: bindings in the tenant's namespaces, or cluster-wide, naming other tenants' subjects (or broad groups), whose role is not in the input. */
  unresolvedFrom(tenant: string): UnresolvedBinding[];
}

export function toSubject(s: TenantSubject): Subject {
  return s.namespace !== undefined ? { kind: s.kind, name: s.name, namespace: s.namespace } : { kind: s.kind, name: s.name };
}

function probeString(p: AccessProbe): string {
  return `${p.verb} ${p.subresource ? `${p.resource}/${p.subresource}` : p.resource}`;
}

/** The RBAC query a probe asks (cluster-wide unless a namespace is given). */
export function toQuery(p: AccessProbe, namespace?: string): ResourceQuery {
  const query: ResourceQuery = { verb: p.verb, group: p.group, resource: p.resource };
  if (p.subresource) query.subresource = p.subresource;
  if (namespace !== undefined) query.namespace = namespace;
  return query;
}

/** Subject tenant for groups that contain every tenant's identities. */
export const EVERYONE = '*';

const BROAD_GROUPS = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts']);

/**
 * The tenant a subject acts for: `*` for groups every tenant's identities are in, the namespace's
 * tenant for `system:serviceaccounts:<ns>`, undefined for platform identities; `null` for API-server
 * internals (`system:` users and groups such as system:kube-controller-manager) and kube-system
 * ServiceAccounts, which are not tenants' business.
 */
function subjectTenantOf(s: Subject, tenants: TenantModel): string | undefined | null {
  if (s.kind === 'Group' && BROAD_GROUPS.has(s.name)) return EVERYONE;
  if (s.kind === 'User' && s.name === 'system:anonymous') return EVERYONE;
  if (s.kind === 'Group' && s.name.startsWith('system:serviceaccounts:')) {
    const t = tenants.tenantOf(s.name.slice('system:serviceaccounts:'.length));
    return t === SYSTEM_TENANT ? null : t;
  }
  if (s.name.startsWith('system:')) return null;
  if (s.kind === 'ServiceAccount' && tenants.tenantOf(s.namespace) === SYSTEM_TENANT) return null;
  return tenants.tenantOfSubject(s);
}

/** The role a binding names when it is well-formed but absent from the model, as `Kind/[ns/]name`. */
function missingRole(model: RbacModel, binding: K8sObject): string | undefined {
  const ref = roleRefOf(binding);
  if (!ref || model.roleOf(binding)) return undefined;
  if (ref.kind === 'ClusterRole') return `ClusterRole/${ref.name}`;
  if (ref.kind === 'Role' && binding.kind === 'RoleBinding') return `Role/${binding.metadata.namespace ?? ''}/${ref.name}`;
  return undefined; // not a valid roleRef: the API server would not have accepted it
}

/** Offline inputs only: live (and in saved snapshots of a cluster), a missing role means the binding grants nothing. */
function unresolvedBindings(snapshot: Snapshot, model: RbacModel, include: (b: K8sObject) => boolean): UnresolvedBinding[] {
  if (snapshot.mode !== 'offline') return [];
  const out: UnresolvedBinding[] = [];
  for (const b of model.bindings) {
    const role = missingRole(model, b);
    if (role !== undefined && include(b)) out.push({ binding: objectRef(b), role, subjects: subjectsOf(b) });
  }
  return out;
}

export function buildAccessModel(snapshot: Snapshot, config: PalisadeConfig): AccessModel {
  const objects = rbacObjectsOf(snapshot);
  const computed = new RbacModel(objects, { aggregation: 'compute' });
  const stored = new RbacModel(objects, { aggregation: 'stored' });
  // Live, the authorizer reads the stored rules (see aggregationFor); offline, either reading grants.
  const rbac: RbacView = aggregationFor(snapshot) === 'stored' ? stored : mergedRbac(computed, stored);
  const tenants = tenantModelFor(snapshot, config);
  const excludeSystem = config.rules.excludeSystemRbac;
  const bindingObj = new Map([...snapshot.ofKind('RoleBinding'), ...snapshot.ofKind('ClusterRoleBinding')].map((b) => [`${b.kind}/${b.metadata.namespace ?? ''}/${b.metadata.name}`, b]));
  const relevant = (g: Grant): boolean => {
    if (!excludeSystem) return true;
    const b = bindingObj.get(`${g.binding.kind}/${g.binding.namespace ?? ''}/${g.binding.name}`);
    return !b || !isSystemRbacObject(b);
  };
  const unresolved = unresolvedBindings(snapshot, computed, (b) => !excludeSystem || !isSystemRbacObject(b));

  /**
   * Every (scope, subject) → what it may do, from one `namespace: '*'` question per probe: a grant
   * through a RoleBinding applies to its namespace, through a ClusterRoleBinding to every namespace
   * (`*`). Asking once and attributing grants keeps this linear in bindings, not namespaces × bindings.
   */
  let index: Map<string, Map<string, AccessEntry>> | undefined;
  const buildIndex = (): Map<string, Map<string, AccessEntry>> => {
    const out = new Map<string, Map<string, AccessEntry>>();
    for (const probe of NAMESPACE_PROBES) {
      for (const sg of rbac.subjectsThatCan(toQuery(probe, '*'), (g) => relevant(g))) {
        const subjectTenant = subjectTenantOf(sg.subject, tenants);
        if (subjectTenant === null) continue;
        for (const g of sg.via) {
          const scope = g.namespace ?? '*';
          let byScope = out.get(scope);
          if (!byScope) out.set(scope, (byScope = new Map()));
          const key = subjectKey(sg.subject);
          let e = byScope.get(key);
          if (!e) {
            e = { subject: sg.subject, subjectTenant, namespace: scope, channels: [], verbs: [], via: [] };
            const home = sg.subject.kind === 'ServiceAccount' ? undefined : tenants.homeInference(sg.subject);
            if (home !== undefined) e.home = home;
            byScope.set(key, e);
          }
          if (!e.channels.includes(probe.channel)) e.channels.push(probe.channel);
          const v = probeString(probe);
          if (!e.verbs.includes(v)) e.verbs.push(v);
          const p = grantPath(g);
          if (!e.via.includes(p)) e.via.push(p);
        }
      }
    }
    return out;
  };

  const accessibleBy = (tenant: string): AccessEntry[] => {
    const def = tenants.groups().find((t) => t.name === tenant);
    if (!def) return [];
    index ??= buildIndex();
    const out = new Map<string, AccessEntry>();
    for (const namespace of def.namespaces) {
      for (const scope of [namespace, '*']) {
        for (const [key, src] of index.get(scope) ?? []) {
          if (src.subjectTenant === tenant) continue;
          const k = `${key}\u0000${namespace}`;
          let e = out.get(k);
          if (!e) out.set(k, (e = { ...src, namespace, channels: [], verbs: [], via: [] }));
          for (const c of src.channels) if (!e.channels.includes(c)) e.channels.push(c);
          for (const v of src.verbs) if (!e.verbs.includes(v)) e.verbs.push(v);
          for (const p of src.via) if (!e.via.includes(p)) e.via.push(p);
        }
      }
    }
    const order = NAMESPACE_PROBES.map(probeString);
    for (const e of out.values()) e.verbs.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return [...out.values()].sort((a, b) => subjectKey(a.subject).localeCompare(subjectKey(b.subject)) || a.namespace.localeCompare(b.namespace));
  };

  const subjectsOfTenant = (tenant: string): Subject[] =>
    (tenants.groups().find((t) => t.name === tenant)?.subjects ?? []).map(toSubject);

  const dangerous = (tenant: string): DangerousEntry[] => {
    const out: DangerousEntry[] = [];
    for (const subject of subjectsOfTenant(tenant)) {
      const permissions: string[] = [];
      const via: string[] = [];
      for (const probe of DANGEROUS_PROBES) {
        const decision = rbac.can(subject, toQuery(probe));
        const grants = decision.via.filter(relevant);
        if (grants.length === 0) continue;
        if (!permissions.includes(probe.label)) permissions.push(probe.label);
        for (const g of grants) if (!via.includes(grantPath(g))) via.push(grantPath(g));
      }
      if (permissions.length > 0) out.push({ subject, permissions, via });
    }
    return out;
  };

  const crossBoundServiceAccounts = (tenant: string): CrossBoundServiceAccount[] => {
    const def = tenants.groups().find((t) => t.name === tenant);
    const out: CrossBoundServiceAccount[] = [];
    for (const ns of def?.namespaces ?? []) {
      for (const rb of snapshot.inNamespace(ns, 'RoleBinding')) {
        for (const s of subjectsOf(rb)) {
          if (s.kind !== 'ServiceAccount') continue;
          const other = tenants.tenantOf(s.namespace);
          if (other && other !== tenant && isRealTenant(other)) out.push({ binding: objectRef(rb), subject: s, subjectTenant: other });
        }
      }
    }
    return out;
  };

  /** RoleBindings in one of `namespaces` and every ClusterRoleBinding; ClusterRoleBindings only when `namespaces` is undefined. */
  const inScope = (u: UnresolvedBinding, namespaces: readonly string[] | undefined): boolean =>
    u.binding.kind === 'ClusterRoleBinding' || (namespaces !== undefined && namespaces.includes(u.binding.namespace ?? ''));

  const unresolvedFor = (tenant: string, namespace?: string): UnresolvedBinding[] => {
    const who = subjectsOfTenant(tenant).map(userInfoOf);
    return unresolved.filter(
      (u) => inScope(u, namespace === undefined ? undefined : [namespace]) && u.subjects.some((s) => who.some((w) => subjectMatches(s, w))),
    );
  };

  const unresolvedFrom = (tenant: string): UnresolvedBinding[] => {
    const namespaces = tenants.groups().find((t) => t.name === tenant)?.namespaces ?? [];
    const foreign = (s: Subject): boolean => {
      const t = subjectTenantOf(s, tenants);
      return t === EVERYONE || (t !== null && t !== undefined && t !== tenant && isRealTenant(t));
    };
    return unresolved.filter((u) => inScope(u, namespaces) && u.subjects.some(foreign));
  };

  return { rbac, tenants, accessibleBy, dangerous, crossBoundServiceAccounts, subjectsOf: subjectsOfTenant, relevant, unresolvedFor, unresolvedFrom };
}

const cache = new WeakMap<Snapshot, WeakMap<PalisadeConfig, AccessModel>>();

/** One access model per snapshot and config, shared by the rules and the tenant report. */
export function accessModelFor(snapshot: Snapshot, config: PalisadeConfig): AccessModel {
  let byConfig = cache.get(snapshot);
  if (!byConfig) cache.set(snapshot, (byConfig = new WeakMap()));
  let model = byConfig.get(config);
  if (!model) byConfig.set(config, (model = buildAccessModel(snapshot, config)));
  return model;
}
