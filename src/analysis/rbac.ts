/**
 * RBAC effective-permission model: the same decision the API server's RBAC authorizer makes
 * (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac), computed from Roles, ClusterRoles,
 * RoleBindings and ClusterRoleBindings in a snapshot.
 *
 * - `can(who, query)`: is this identity allowed, and through which binding → role → rule.
 * - `subjectsThatCan(query)`: every binding subject (User, Group, ServiceAccount) granted the query.
 * - Offline, aggregated ClusterRoles get the union of the rules of the ClusterRoles their selectors
 *   match (what the clusterrole-aggregation controller writes once they are applied). Live, the
 *   stored rules are used, as the authorizer does; rbac/aggregated-role-drift reports where the
 *   two differ.
 * - Lookups go through indexes: grants by resource (exact, `*`, `*\/subresource`) and by subject.
 */
import { objectRef, type K8sObject, type ObjectRef } from '../model/k8s.js';
import { matchesSelector, type LabelSelector } from '../inventory/selectors.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { BOOTSTRAP_CLUSTER_ROLES } from './rbac/bootstrap-cluster-roles.js';
import { BOOTSTRAP_RBAC_NAMES } from './rbac/bootstrap-names.js';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A subject as written in a binding. ServiceAccount subjects always carry their namespace here. */
export interface Subject {
  kind: SubjectKind;
  name: string;
  namespace?: string;
}

/** An authenticated identity, as the authorizer sees it (SubjectAccessReview `user` + `groups`). */
export interface UserInfo {
  name: string;
  groups: readonly string[];
}

/** A resource request. `namespace`: a namespace name; `''`/undefined = cluster-scoped or all namespaces; `'*'` = in some namespace (any RoleBinding counts). */
export interface ResourceQuery {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface NonResourceQuery {
  verb: string;
  path: string;
}

export type AccessQuery = ResourceQuery | NonResourceQuery;

/** One step of the path that grants access: binding → role → rule. */
export interface Grant {
  binding: ObjectRef;
  role: ObjectRef;
  /** Index into the role's effective rules. */
  ruleIndex: number;
  rule: PolicyRule;
  subject: Subject;
  /** When the rule came from an aggregated ClusterRole: the ClusterRole that holds it. */
  aggregatedFrom?: ObjectRef;
  /** Namespace the grant is limited to; undefined for ClusterRoleBindings (cluster-wide). */
  namespace?: string;
}

export interface Decision {
  allowed: boolean;
  via: Grant[];
  /** Set when access comes from outside RBAC, e.g. the `system:masters` group. */
  reason?: string;
}

export interface SubjectGrants {
  subject: Subject;
  via: Grant[];
}

export interface RbacModelOptions {
  /**
   * `compute` (default): aggregated ClusterRoles get the union of the rules of the roles they
   * select (as the aggregation controller eventually writes). `stored`: use `rules` as stored.
   */
  aggregation?: 'compute' | 'stored';
}

/** Group that the API server authorizes for everything before RBAC is asked. */
export const PRIVILEGED_GROUP = 'system:masters';
export const ALL = '*';

/** Identity of a ServiceAccount as the API server authenticates it. */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

/** The identity a binding subject stands for: a user or SA with its implicit groups, or a bare group member. */
export function userInfoOf(subject: Subject): UserInfo {
  switch (subject.kind) {
    case 'ServiceAccount':
      return serviceAccountUser(subject.namespace ?? '', subject.name);
    case 'Group':
      return { name: '', groups: [subject.name] };
    case 'User':
      return subject.name === 'system:anonymous'
        ? { name: subject.name, groups: ['system:unauthenticated'] }
        : { name: subject.name, groups: ['system:authenticated'] };
  }
}

export function subjectKey(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount:${s.namespace ?? ''}:${s.name}` : `${s.kind}:${s.name}`;
}

export function subjectString(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace ?? '?'}/${s.name}` : `${s.kind} ${s.name}`;
}

/** `ClusterRoleBinding/x → ClusterRole/y rules[2]` (with the aggregated source when there is one). */
export function grantPath(g: Grant): string {
  const ref = (r: ObjectRef): string => (r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`);
  const from = g.aggregatedFrom ? ` (aggregated from ${ref(g.aggregatedFrom)})` : '';
  return `${ref(g.binding)} → ${ref(g.role)} rules[${g.ruleIndex}]${from}`;
}

/** A short text of a rule for evidence, e.g. `get,list core/secrets`. */
export function ruleString(r: PolicyRule): string {
  if (r.nonResourceURLs?.length) return `${r.verbs.join(',')} ${r.nonResourceURLs.join(',')}`;
  const groups = (r.apiGroups ?? []).map((g) => (g === '' ? 'core' : g)).join(',');
  const names = r.resourceNames?.length ? ` [${r.resourceNames.join(',')}]` : '';
  return `${r.verbs.join(',')} ${groups}/${(r.resources ?? []).join(',')}${names}`;
}

/**
 * Kubernetes bootstrap RBAC: the `kubernetes.io/bootstrapping=rbac-defaults` label, or the name of
 * an object of that kind the API server creates at startup. A `system:` prefix alone is not enough:
 * anyone may name a ClusterRole `system:anything`.
 */
export function isSystemRbacObject(obj: K8sObject): boolean {
  if (obj.metadata.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults') return true;
  const kind = obj.kind;
  if (kind !== 'ClusterRole' && kind !== 'ClusterRoleBinding' && kind !== 'Role' && kind !== 'RoleBinding') return false;
  const key = kind === 'Role' || kind === 'RoleBinding' ? `${obj.metadata.namespace ?? ''}/${obj.metadata.name}` : obj.metadata.name;
  return BOOTSTRAP_RBAC_NAMES[kind].has(key);
}

/** True for the request attributes a rule matches (RBAC authorizer semantics). */
export function ruleAllows(rule: PolicyRule, q: AccessQuery): boolean {
  if (!verbMatches(rule, q.verb)) return false;
  if (isNonResource(q)) return nonResourceMatches(rule, q.path);
  return (
    groupMatches(rule, q.group) &&
    resourceMatches(rule, combined(q), q.subresource ?? '') &&
    nameMatches(rule, q.name ?? '')
  );
}

export function isNonResource(q: AccessQuery): q is NonResourceQuery {
  return (q as NonResourceQuery).path !== undefined;
}

function combined(q: ResourceQuery): string {
  return q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

function groupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combinedResource) return true;
    // `*/scale` matches the scale subresource of every resource; `pods/*` is not a pattern.
    if (subresource !== '' && r === `*/${subresource}`) return true;
  }
  return false;
}

function nameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

function nonResourceMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/** One rule of one role as granted by one binding to one subject. */
interface Entry {
  subject: Subject;
  binding: K8sObject;
  role: K8sObject;
  ruleIndex: number;
  rule: PolicyRule;
  aggregatedFrom?: K8sObject;
  /** undefined = ClusterRoleBinding. */
  namespace?: string;
}

interface EffectiveRule {
  rule: PolicyRule;
  from?: K8sObject;
}

const NON_RESOURCE_KEY = '\u0000nonresource';

export class RbacModel {
  private readonly clusterRoles = new Map<string, K8sObject>();
  private readonly roles = new Map<string, K8sObject>();
  private readonly effective = new Map<K8sObject, EffectiveRule[]>();
  /** Entries by the resource string of their rule (`pods`, `pods/exec`, `*`, `*\/scale`) or NON_RESOURCE_KEY. */
  private readonly byResource = new Map<string, Entry[]>();
  /** Entries by subject key (`User:alice`, `Group:g`, `ServiceAccount:ns:name`). */
  private readonly bySubject = new Map<string, Entry[]>();
  private readonly subjectList = new Map<string, Subject>();
  readonly bindings: readonly K8sObject[];

  constructor(objects: Iterable<K8sObject>, private readonly options: RbacModelOptions = {}) {
    const bindings: K8sObject[] = [];
    for (const o of objects) {
      if (o.kind === 'ClusterRole') this.clusterRoles.set(o.metadata.name, o);
      else if (o.kind === 'Role') this.roles.set(`${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
      else if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') bindings.push(o);
    }
    this.bindings = bindings;
    for (const b of bindings) this.indexBinding(b);
  }

  static fromSnapshot(snapshot: Snapshot, options?: RbacModelOptions): RbacModel {
    return new RbacModel(
      ['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding'].flatMap((k) => [...snapshot.ofKind(k)]),
      options,
    );
  }

  /** The role a binding refers to, or undefined when it is missing (a dangling binding). */
  roleOf(binding: K8sObject): K8sObject | undefined {
    const ref = roleRefOf(binding);
    if (!ref) return undefined;
    if (ref.kind === 'ClusterRole') return this.clusterRoles.get(ref.name);
    if (ref.kind === 'Role' && binding.kind === 'RoleBinding') return this.roles.get(`${binding.metadata.namespace ?? ''}/${ref.name}`);
    return undefined;
  }

  /** Rules of a Role or ClusterRole after aggregation, with the ClusterRole each came from when aggregated. */
  rulesOf(role: K8sObject): { rule: PolicyRule; aggregatedFrom?: ObjectRef }[] {
    return this.effectiveRules(role).map((e) => (e.from ? { rule: e.rule, aggregatedFrom: objectRef(e.from) } : { rule: e.rule }));
  }

  /** Every subject named by any binding. */
  subjects(): Subject[] {
    return [...this.subjectList.values()];
  }

  /** Every rule granted to exactly this binding subject (not to groups it may belong to). */
  grantsOf(subject: Subject): Grant[] {
    return (this.bySubject.get(subjectKey(subject)) ?? []).map(toGrant);
  }

  /** The authorizer's decision for an identity (a UserInfo, or a binding subject with its implicit groups). */
  can(who: UserInfo | Subject, query: AccessQuery): Decision {
    const user = 'kind' in who ? userInfoOf(who) : who;
    if (user.groups.includes(PRIVILEGED_GROUP)) return { allowed: true, via: [], reason: `member of ${PRIVILEGED_GROUP}` };
    const via: Grant[] = [];
    for (const e of this.entriesForUser(user)) {
      if (inScope(e, query) && ruleAllows(e.rule, query) && subjectApplies(e, user)) via.push(toGrant(e));
    }
    return { allowed: via.length > 0, via };
  }

  /** Every grant that applies to an identity through its user name, groups or ServiceAccount, in any scope. */
  grantsFor(user: UserInfo): Grant[] {
    return this.entriesForUser(user)
      .filter((e) => subjectApplies(e, user))
      .map(toGrant);
  }

  /** Roles of this name: in `namespace`, or in every namespace when it is undefined. */
  rolesNamed(name: string, namespace?: string): K8sObject[] {
    if (namespace !== undefined) {
      const r = this.roles.get(`${namespace}/${name}`);
      return r ? [r] : [];
    }
    return [...this.roles.values()].filter((r) => r.metadata.name === name);
  }

  /** A ClusterRole by name (offline inputs include the bootstrap ClusterRoles). */
  clusterRole(name: string): K8sObject | undefined {
    return this.clusterRoles.get(name);
  }

  /** Every binding subject that the query is granted to, with the grants. Groups are not expanded. */
  subjectsThatCan(query: AccessQuery, filter?: (g: Grant, binding: K8sObject, role: K8sObject) => boolean): SubjectGrants[] {
    const out = new Map<string, SubjectGrants>();
    for (const e of this.candidates(query)) {
      if (!inScope(e, query) || !ruleAllows(e.rule, query)) continue;
      const g = toGrant(e);
      if (filter && !filter(g, e.binding, e.role)) continue;
      const key = subjectKey(e.subject);
      const hit = out.get(key);
      if (hit) hit.via.push(g);
      else out.set(key, { subject: e.subject, via: [g] });
    }
    return [...out.values()].sort((a, b) => subjectKey(a.subject).localeCompare(subjectKey(b.subject)));
  }

  private candidates(query: AccessQuery): Entry[] {
    if (isNonResource(query)) return this.byResource.get(NON_RESOURCE_KEY) ?? [];
    const keys = new Set([combined(query), ALL]);
    if (query.subresource) keys.add(`*/${query.subresource}`);
    return [...keys].flatMap((k) => this.byResource.get(k) ?? []);
  }

  private entriesForUser(user: UserInfo): Entry[] {
    const out: Entry[] = [...(this.bySubject.get(`User:${user.name}`) ?? [])];
    for (const g of user.groups) out.push(...(this.bySubject.get(`Group:${g}`) ?? []));
    const sa = parseServiceAccountUser(user.name);
    if (sa) out.push(...(this.bySubject.get(`ServiceAccount:${sa.namespace}:${sa.name}`) ?? []));
    return out;
  }

  private indexBinding(binding: K8sObject): void {
    const role = this.roleOf(binding);
    if (!role) return;
    const namespace = binding.kind === 'RoleBinding' ? binding.metadata.namespace ?? '' : undefined;
    const rules = this.effectiveRules(role);
    for (const subject of subjectsOf(binding)) {
      const key = subjectKey(subject);
      if (subject.kind === 'ServiceAccount' && !subject.namespace) continue; // never matches (authorizer rule)
      this.subjectList.set(key, subject);
      rules.forEach((er, ruleIndex) => {
        const entry: Entry = { subject, binding, role, ruleIndex, rule: er.rule };
        if (er.from) entry.aggregatedFrom = er.from;
        if (namespace !== undefined) entry.namespace = namespace;
        push(this.bySubject, key, entry);
        if (er.rule.nonResourceURLs?.length) push(this.byResource, NON_RESOURCE_KEY, entry);
        for (const r of new Set(er.rule.resources ?? [])) push(this.byResource, r, entry);
      });
    }
  }

  private effectiveRules(role: K8sObject, seen: Set<K8sObject> = new Set()): EffectiveRule[] {
    const cached = this.effective.get(role);
    if (cached) return cached;
    const stored = rulesField(role).map((rule) => ({ rule }));
    const aggregation = role.kind === 'ClusterRole' ? aggregationSelectors(role) : undefined;
    if (!aggregation || this.options.aggregation === 'stored') {
      this.effective.set(role, stored);
      return stored;
    }
    // The aggregation controller replaces `rules` with the union of the selected roles' rules.
    seen.add(role);
    const out: EffectiveRule[] = [];
    const added = new Set<string>();
    for (const selector of aggregation) {
      for (const other of [...this.clusterRoles.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
        if (other === role || seen.has(other) || !matchesSelector(selector, other.metadata.labels)) continue;
        for (const er of this.effectiveRules(other, seen)) {
          const key = JSON.stringify(er.rule);
          if (added.has(key)) continue;
          added.add(key);
          out.push({ rule: er.rule, from: er.from ?? other });
        }
      }
    }
    seen.delete(role);
    this.effective.set(role, out);
    return out;
  }
}

function toGrant(e: Entry): Grant {
  const g: Grant = { binding: objectRef(e.binding), role: objectRef(e.role), ruleIndex: e.ruleIndex, rule: e.rule, subject: e.subject };
  if (e.aggregatedFrom) g.aggregatedFrom = objectRef(e.aggregatedFrom);
  if (e.namespace !== undefined) g.namespace = e.namespace;
  return g;
}

/** RoleBindings apply only to requests in their namespace; non-resource requests only see ClusterRoleBindings. */
function inScope(e: Entry, q: AccessQuery): boolean {
  if (e.namespace === undefined) return true;
  if (isNonResource(q)) return false;
  if (!q.namespace) return false;
  return q.namespace === '*' || q.namespace === e.namespace;
}

function subjectApplies(e: Entry, user: UserInfo): boolean {
  return subjectMatches(e.subject, user);
}

/** Whether a binding subject applies to an identity (the authorizer's subject matching). */
export function subjectMatches(bound: Subject, who: UserInfo): boolean {
  switch (bound.kind) {
    case 'User':
      return who.name === bound.name;
    case 'Group':
      return who.groups.includes(bound.name);
    case 'ServiceAccount':
      return who.name === `system:serviceaccount:${bound.namespace ?? ''}:${bound.name}`;
  }
}

function parseServiceAccountUser(name: string): { namespace: string; name: string } | undefined {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  return m ? { namespace: m[1]!, name: m[2]! } : undefined;
}

export function roleRefOf(binding: K8sObject): { kind: string; name: string } | undefined {
  const ref = binding['roleRef'];
  if (typeof ref !== 'object' || ref === null) return undefined;
  const { kind, name } = ref as { kind?: unknown; name?: unknown };
  return typeof kind === 'string' && typeof name === 'string' ? { kind, name } : undefined;
}

/** Subjects of a binding; a ServiceAccount without namespace in a RoleBinding takes the binding's namespace. */
export function subjectsOf(binding: K8sObject): Subject[] {
  const raw = binding['subjects'];
  if (!Array.isArray(raw)) return [];
  const out: Subject[] = [];
  for (const s of raw as unknown[]) {
    if (typeof s !== 'object' || s === null) continue;
    const { kind, name, namespace } = s as { kind?: unknown; name?: unknown; namespace?: unknown };
    if (typeof name !== 'string' || (kind !== 'User' && kind !== 'Group' && kind !== 'ServiceAccount')) continue;
    if (kind === 'ServiceAccount') {
      const ns = typeof namespace === 'string' && namespace !== '' ? namespace : binding.kind === 'RoleBinding' ? binding.metadata.namespace : undefined;
      out.push(ns ? { kind, name, namespace: ns } : { kind, name });
    } else out.push({ kind, name });
  }
  return out;
}

export function rulesField(role: K8sObject): PolicyRule[] {
  const raw = role['rules'];
  if (!Array.isArray(raw)) return [];
  return (raw as unknown[]).filter((r): r is PolicyRule => typeof r === 'object' && r !== null && Array.isArray((r as PolicyRule).verbs));
}

function aggregationSelectors(role: K8sObject): LabelSelector[] | undefined {
  const agg = role['aggregationRule'];
  if (typeof agg !== 'object' || agg === null) return undefined;
  const sel = (agg as { clusterRoleSelectors?: unknown }).clusterRoleSelectors;
  return Array.isArray(sel) ? (sel as LabelSelector[]) : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const MODELS = new WeakMap<Snapshot, RbacModel>();

/**
 * One model per snapshot, shared by every rule that asks (aggregation: see aggregationFor). Offline inputs
 * get the API server's bootstrap ClusterRoles they do not define themselves (admin, edit, view,
 * system:*), since every cluster has them: a binding to `edit` in a manifest grants what it
 * grants live.
 */
export function rbacModelFor(snapshot: Snapshot): RbacModel {
  let m = MODELS.get(snapshot);
  if (!m) MODELS.set(snapshot, (m = new RbacModel(rbacObjectsOf(snapshot), { aggregation: aggregationFor(snapshot) })));
  return m;
}

/**
 * How aggregated ClusterRoles are read: the API server's authorizer uses the *stored* rules, so a
 * live cluster (or a snapshot of one) is judged by them, stale or empty as they may be (no
 * aggregation controller running); manifests carry the selectors with `rules: []`, which the
 * controller fills in once applied, so offline the rules are computed.
 */
export function aggregationFor(snapshot: Snapshot): 'compute' | 'stored' {
  return snapshot.mode === 'offline' ? 'compute' : 'stored';
}

const COMPUTED = new WeakMap<Snapshot, RbacModel>();

/** The model with aggregation computed whatever the source (what the aggregation controller would write). */
export function computedRbacModelFor(snapshot: Snapshot): RbacModel {
  if (aggregationFor(snapshot) === 'compute') return rbacModelFor(snapshot);
  let m = COMPUTED.get(snapshot);
  if (!m) COMPUTED.set(snapshot, (m = new RbacModel(rbacObjectsOf(snapshot), { aggregation: 'compute' })));
  return m;
}

/** The RBAC objects of a snapshot, plus (offline) the bootstrap ClusterRoles it does not define itself. */
export function rbacObjectsOf(snapshot: Snapshot): K8sObject[] {
  const objects = ['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding'].flatMap((k) => [...snapshot.ofKind(k)]);
  if (snapshot.mode === 'offline') objects.push(...BOOTSTRAP_CLUSTER_ROLES.filter((r) => !snapshot.get('ClusterRole', r.metadata.name)));
  return objects;
}
