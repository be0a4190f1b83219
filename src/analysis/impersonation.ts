/**
 * Impersonation limited by `resourceNames`: exactly whom a holder can become, and whether any of
 * those identities holds cluster-wide or escalating rights.
 *
 * RBAC only adds rights, so the holder's reach is the union of what the named users and groups
 * may do (a user is impersonated together with any of the named groups, and the API server adds
 * `system:authenticated`). Named ServiceAccounts are the ServiceAccount of that name in the
 * binding's namespace, or in every namespace for a ClusterRoleBinding. An identity that may itself
 * impersonate further named subjects is followed, so a chain ends at its most powerful member.
 */
import { DANGEROUS_PROBES, toQuery } from './access.js';
import { grantPath, PRIVILEGED_GROUP, ruleAllows, serviceAccountUser, type PolicyRule, type RbacModel, type UserInfo } from './rbac.js';

const AUTHENTICATED = 'system:authenticated';

/** Subjects named by impersonate rules (rules without resourceNames are unrestricted and not listed). */
export interface NamedTargets {
  users: string[];
  groups: string[];
  serviceAccounts: string[];
}

/** Where named ServiceAccounts live: one namespace (RoleBinding) or all (ClusterRoleBinding). */
export type TargetScope = { namespace: string } | { namespaces: readonly string[] };

export interface PowerfulTarget {
  /** `User alice`, `Group admins`, `ServiceAccount kube-system/x`. */
  identity: string;
  /** How it is reached from the binding: `User alice → User root` for a chain. */
  chain: string[];
  powers: string[];
  via: string[];
}

const impersonates = (rule: PolicyRule, resource: string): boolean =>
  ruleAllows(rule, { verb: 'impersonate', group: '', resource, name: rule.resourceNames?.[0] ?? '' });

/** The names impersonate rules with resourceNames allow, by kind. */
export function namedTargets(rules: readonly PolicyRule[]): NamedTargets {
  const out: NamedTargets = { users: [], groups: [], serviceAccounts: [] };
  const add = (list: string[], names: readonly string[]): void => {
    for (const n of names) if (!list.includes(n)) list.push(n);
  };
  for (const rule of rules) {
    const names = rule.resourceNames ?? [];
    if (names.length === 0) continue;
    if (impersonates(rule, 'users')) add(out.users, names);
    if (impersonates(rule, 'groups')) add(out.groups, names);
    if (impersonates(rule, 'serviceaccounts')) add(out.serviceAccounts, names);
  }
  return out;
}

export function isEmpty(t: NamedTargets): boolean {
  return t.users.length + t.groups.length + t.serviceAccounts.length === 0;
}

/** `User a, Group g, ServiceAccount x` for messages. */
export function targetsText(t: NamedTargets): string {
  return [...t.users.map((n) => `User ${n}`), ...t.groups.map((n) => `Group ${n}`), ...t.serviceAccounts.map((n) => `ServiceAccount ${n}`)].join(', ');
}

interface Identity {
  label: string;
  user: UserInfo;
  /** For ServiceAccounts: the bootstrap controller ClusterRole of that name, bound in kube-system on every cluster. */
  controllerRole?: string;
}

/** The identities a holder of these named targets can assume. */
function identitiesOf(t: NamedTargets, scope: TargetScope, model: RbacModel): Identity[] {
  const groups = [...t.groups, AUTHENTICATED];
  const out: Identity[] = t.users.map((name) => ({ label: `User ${name}`, user: { name, groups } }));
  // Groups without a user still say what the groups may do (another grant may supply the user).
  if (t.users.length === 0 && t.groups.length > 0) out.push({ label: `Group ${t.groups.join(', Group ')}`, user: { name: '', groups } });
  const namespaces = 'namespace' in scope ? [scope.namespace] : scope.namespaces;
  for (const name of t.serviceAccounts) {
    for (const ns of namespaces) {
      const id: Identity = { label: `ServiceAccount ${ns}/${name}`, user: serviceAccountUser(ns, name) };
      // Offline inputs lack the bootstrap bindings of kube-system's controllers; their roles are known.
      const controller = `system:controller:${name}`;
      if (ns === 'kube-system' && model.clusterRole(controller)) id.controllerRole = controller;
      out.push(id);
    }
  }
  return out;
}

/** Cluster-wide or escalating rights of one identity, from DANGEROUS_PROBES. */
function powersOf(model: RbacModel, id: Identity): { powers: string[]; via: string[] } {
  const powers: string[] = [];
  const via: string[] = [];
  const add = (label: string, path: string): void => {
    if (!powers.includes(label)) powers.push(label);
    if (!via.includes(path)) via.push(path);
  };
  if (id.user.groups.includes(PRIVILEGED_GROUP)) add('do anything (system:masters)', `Group ${PRIVILEGED_GROUP} (authorized before RBAC)`);
  const controllerRules = id.controllerRole ? model.rulesOf(model.clusterRole(id.controllerRole)!).map((r) => r.rule) : [];
  for (const p of DANGEROUS_PROBES) {
    const query = toQuery(p);
    for (const g of model.can(id.user, query).via) add(p.label, grantPath(g));
    if (controllerRules.some((r) => ruleAllows(r, query))) add(p.label, `ClusterRole/${id.controllerRole} (bootstrap binding in kube-system)`);
  }
  return { powers, via };
}

/** Named impersonation an identity holds itself, with where its ServiceAccount names apply. */
function onwardTargets(model: RbacModel, id: Identity, allNamespaces: readonly string[]): { targets: NamedTargets; scope: TargetScope }[] {
  const out: { targets: NamedTargets; scope: TargetScope }[] = [];
  for (const g of model.grantsFor(id.user)) {
    const targets = namedTargets([g.rule]);
    if (isEmpty(targets)) continue;
    out.push({ targets, scope: g.namespace !== undefined ? { namespace: g.namespace } : { namespaces: allNamespaces } });
  }
  return out;
}

/**
 * Every identity reachable through named impersonation (followed transitively) that holds a
 * cluster-wide or escalating right the holders (the binding's subjects) do not have already.
 * `allNamespaces` is where a cluster-wide ServiceAccount name may exist (include kube-system).
 */
export function powerfulTargets(model: RbacModel, start: NamedTargets, scope: TargetScope, allNamespaces: readonly string[], holders: readonly UserInfo[] = []): PowerfulTarget[] {
  // A right every holder already has is gained by nobody (e.g. one granted to system:authenticated).
  const held = holders.length === 0 ? new Set<string>() : holders.map((h) => new Set(powersOf(model, { label: '', user: h }).powers)).reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const out: PowerfulTarget[] = [];
  const seen = new Set<string>();
  const queue: { id: Identity; chain: string[] }[] = identitiesOf(start, scope, model).map((id) => ({ id, chain: [id.label] }));
  while (queue.length > 0) {
    const { id, chain } = queue.shift()!;
    const key = `${id.user.name}\u0000${id.user.groups.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { powers, via } = powersOf(model, id);
    const gained = powers.filter((p) => !held.has(p));
    if (gained.length > 0) out.push({ identity: id.label, chain, powers: gained, via });
    for (const next of onwardTargets(model, id, allNamespaces)) {
      for (const n of identitiesOf(next.targets, next.scope, model)) queue.push({ id: n, chain: [...chain, n.label] });
    }
  }
  return out;
}
