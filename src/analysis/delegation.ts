/**
 * `bind` limited by `resourceNames`, Kubernetes' documented delegation pattern: the holder may
 * create bindings to the named roles only, so it can hand out (to itself or anyone) exactly the
 * rights of those roles. It is judged by them, as limited impersonation is judged by the named
 * identities (./impersonation.ts).
 *
 * A RoleBinding holder binds only in its own namespace, so only rights that stay dangerous inside
 * one namespace count (impersonation, escalate, bind; cluster-scoped resources cannot be granted
 * by a RoleBinding). A ClusterRoleBinding holder binds in every namespace, and cluster-wide when it
 * may create ClusterRoleBindings: every cluster-wide or escalating right counts.
 * A named role that does not exist counts as powerful: whoever creates it decides its rights.
 */
import { objectRef, refString, type K8sObject } from '../model/k8s.js';
import { DANGEROUS_PROBES, toQuery, type DangerousProbe } from './access.js';
import { ruleAllows, type PolicyRule, type RbacModel, type UserInfo } from './rbac.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Roles and ClusterRoles named by bind rules with resourceNames. */
export interface NamedRoles {
  roles: string[];
  clusterRoles: string[];
}

export interface PowerfulRole {
  /** `ClusterRole/admin`, `Role/team-a/deployer`, or the missing name. */
  role: string;
  powers: string[];
  /** Rules of the named role that grant them (`rules[3]`), or why it counts (`does not exist`). */
  via: string[];
}

const binds = (rule: PolicyRule, resource: string): boolean =>
  ruleAllows(rule, { verb: 'bind', group: RBAC_GROUP, resource, name: rule.resourceNames?.[0] ?? '' });

/** True for a rule that grants `bind` only on named roles (the rule's other verbs are judged as usual). */
export function isNamedBind(rule: PolicyRule): boolean {
  return (rule.resourceNames?.length ?? 0) > 0 && (binds(rule, 'roles') || binds(rule, 'clusterroles'));
}

/** The role names bind rules with resourceNames allow. */
export function namedRoles(rules: readonly PolicyRule[]): NamedRoles {
  const out: NamedRoles = { roles: [], clusterRoles: [] };
  const add = (list: string[], names: readonly string[]): void => {
    for (const n of names) if (!list.includes(n)) list.push(n);
  };
  for (const rule of rules) {
    if (!isNamedBind(rule)) continue;
    if (binds(rule, 'roles')) add(out.roles, rule.resourceNames ?? []);
    if (binds(rule, 'clusterroles')) add(out.clusterRoles, rule.resourceNames ?? []);
  }
  return out;
}

/** `ClusterRole admin, Role deployer` for messages. */
export function namedRolesText(n: NamedRoles): string {
  return [...n.clusterRoles.map((r) => `ClusterRole ${r}`), ...n.roles.map((r) => `Role ${r}`)].join(', ');
}

/** Rights that stay dangerous when granted inside one namespace. */
const NAMESPACE_LOCAL: ReadonlySet<string> = new Set(['impersonate users', 'impersonate groups', 'impersonate service accounts', 'escalate cluster roles', 'bind cluster roles']);

function probesFor(namespace: string | undefined): readonly DangerousProbe[] {
  return namespace === undefined ? DANGEROUS_PROBES : DANGEROUS_PROBES.filter((p) => NAMESPACE_LOCAL.has(p.label));
}

function powersOfRole(model: RbacModel, role: K8sObject, probes: readonly DangerousProbe[]): { powers: string[]; via: string[] } {
  const powers: string[] = [];
  const via: string[] = [];
  model.rulesOf(role).forEach(({ rule }, i) => {
    for (const p of probes) {
      if (!ruleAllows(rule, toQuery(p))) continue;
      if (!powers.includes(p.label)) powers.push(p.label);
      if (!via.includes(`rules[${i}]`)) via.push(`rules[${i}]`);
    }
  });
  return { powers, via };
}

/**
 * The named roles whose rights include a dangerous one the holders do not have already.
 * `namespace`: the holder's RoleBinding namespace; undefined for a ClusterRoleBinding.
 */
export function powerfulNamedRoles(model: RbacModel, named: NamedRoles, namespace: string | undefined, holders: readonly UserInfo[]): PowerfulRole[] {
  const probes = probesFor(namespace);
  const heldBy = (h: UserInfo): Set<string> => new Set(probes.filter((p) => model.can(h, toQuery(p, namespace)).allowed).map((p) => p.label));
  const held = holders.length === 0 ? new Set<string>() : holders.map(heldBy).reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const out: PowerfulRole[] = [];
  const judge = (label: string, role: K8sObject | undefined): void => {
    if (!role) {
      out.push({ role: label, powers: ['any rights (the role does not exist; whoever creates it decides them)'], via: ['does not exist'] });
      return;
    }
    const { powers, via } = powersOfRole(model, role, probes);
    const gained = powers.filter((p) => !held.has(p));
    if (gained.length > 0) out.push({ role: refString(objectRef(role)), powers: gained, via });
  };
  for (const name of named.clusterRoles) judge(`ClusterRole/${name}`, model.clusterRole(name));
  for (const name of named.roles) {
    const roles = model.rolesNamed(name, namespace);
    if (roles.length === 0) judge(namespace === undefined ? `Role/*/${name}` : `Role/${namespace}/${name}`, undefined);
    for (const r of roles) judge('', r);
  }
  return out;
}
