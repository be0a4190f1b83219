/** Shared logic of the CIS 5.1 RBAC rules: which rules of a binding's role grant a sensitive permission. */
import type { RuleContext } from '../../engine/rule.js';
import type { Evidence } from '../../model/result.js';
import { objectRef, refString, type K8sObject } from '../../model/k8s.js';
import { isSystemRbacObject, rbacModelFor, roleRefOf, ruleAllows, ruleString, subjectString, subjectsOf, type PolicyRule } from '../../analysis/rbac.js';

export const RBAC_BINDINGS = ['ClusterRoleBinding', 'RoleBinding'] as const;
export const RBAC_REQUIRES = ['ClusterRole', 'Role'] as const;

/** A permission to look for: any of `verbs` on group/resource[/subresource]. */
export interface Permission {
  verbs: readonly string[];
  group: string;
  resource: string;
  subresource?: string;
  /** Cluster-scoped resources can only be granted by ClusterRoleBindings. */
  clusterScoped?: boolean;
}

export const SYSTEM_EXCLUDED = 'Kubernetes bootstrap RBAC (kubernetes.io/bootstrapping=rbac-defaults, or the name of a bootstrap object) is excluded by rules.excludeSystemRbac';

/** The binding and its role, or undefined after reporting not-applicable (excluded, dangling, no subjects). */
export function bindingAndRole(ctx: RuleContext): { binding: K8sObject; role: K8sObject } | undefined {
  const binding = ctx.target;
  const model = rbacModelFor(ctx.snapshot);
  const ref = roleRefOf(binding);
  // Offline, the model already holds the API server's bootstrap ClusterRoles (admin, edit, cluster-admin...).
  const role = model.roleOf(binding);
  if (!role) {
    ctx.notApplicable(`roleRef ${ref ? `${ref.kind}/${ref.name}` : '(none)'} does not exist: the binding grants nothing`);
    return undefined;
  }
  // Only bootstrap *bindings* are excluded: a user's binding to a bootstrap role (admin, edit,
  // cluster-admin carry the rbac-defaults label) is exactly what these rules are about.
  if (ctx.config.rules.excludeSystemRbac && isSystemRbacObject(binding)) {
    ctx.notApplicable(SYSTEM_EXCLUDED);
    return undefined;
  }
  if (subjectsOf(binding).length === 0) {
    ctx.notApplicable('the binding has no subjects');
    return undefined;
  }
  return { binding, role };
}

export interface Hit {
  ruleIndex: number;
  rule: PolicyRule;
  verbs: string[];
  permission: Permission;
  aggregatedFrom?: string;
}

/** Rules of the binding's role (after aggregation) that grant any of the permissions. */
export function grantingRules(ctx: RuleContext, binding: K8sObject, role: K8sObject, perms: readonly Permission[]): Hit[] {
  const model = rbacModelFor(ctx.snapshot);
  const namespaced = binding.kind === 'RoleBinding';
  const hits: Hit[] = [];
  model.rulesOf(role).forEach(({ rule, aggregatedFrom }, ruleIndex) => {
    for (const p of perms) {
      if (namespaced && p.clusterScoped) continue;
      // A rule limited by resourceNames still grants access to those objects: count it.
      const name = rule.resourceNames?.[0];
      const verbs = p.verbs.filter((verb) =>
        ruleAllows(rule, {
          verb,
          group: p.group,
          resource: p.resource,
          ...(p.subresource ? { subresource: p.subresource } : {}),
          ...(namespaced ? { namespace: binding.metadata.namespace ?? '' } : {}),
          ...(name !== undefined ? { name } : {}),
        }),
      );
      if (verbs.length > 0) {
        const hit: Hit = { ruleIndex, rule, verbs, permission: p };
        if (aggregatedFrom) hit.aggregatedFrom = refString(aggregatedFrom);
        hits.push(hit);
        break;
      }
    }
  });
  return hits;
}

export function subjectsText(binding: K8sObject): string {
  return subjectsOf(binding).map(subjectString).join(', ');
}

export function scopeText(binding: K8sObject): string {
  return binding.kind === 'RoleBinding' ? `in namespace ${binding.metadata.namespace ?? ''}` : 'cluster-wide';
}

export function resourceText(p: Permission): string {
  const r = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return p.group === '' ? r : `${r}.${p.group}`;
}

/** Evidence naming the path binding → role → rule. */
export function hitEvidence(binding: K8sObject, role: K8sObject, hit: Hit, expected: string): Evidence {
  const from = hit.aggregatedFrom ? ` (aggregated from ${hit.aggregatedFrom})` : '';
  return {
    path: `${refString(objectRef(binding))} → ${refString(objectRef(role))} rules[${hit.ruleIndex}]${from}`,
    actual: ruleString(hit.rule),
    expected,
  };
}

/** The common check: fail once per binding whose role grants any of `perms`, naming subjects and paths. */
export function checkBindingGrants(ctx: RuleContext, messageId: string, perms: readonly Permission[], expected: string): void {
  const br = bindingAndRole(ctx);
  if (!br) return;
  failHits(ctx, messageId, br, grantingRules(ctx, br.binding, br.role, perms), expected);
}

/** One failure for the binding naming every hit (nothing when there are none). */
export function failHits(ctx: RuleContext, messageId: string, br: { binding: K8sObject; role: K8sObject }, hits: readonly Hit[], expected: string): void {
  if (hits.length === 0) return;
  const what = [...new Set(hits.map((h) => `${h.verbs.join('/')} ${resourceText(h.permission)}`))].join(', ');
  ctx.fail(
    messageId,
    { subjects: subjectsText(br.binding), what, scope: scopeText(br.binding), role: refString(objectRef(br.role)) },
    hits.map((h) => hitEvidence(br.binding, br.role, h, expected)),
  );
}

/** Test fixture: a ClusterRole or Role with `rules`, bound to `subjects` by a binding. */
export function rbacFixture(opts: {
  roleKind?: 'ClusterRole' | 'Role';
  bindingKind?: 'ClusterRoleBinding' | 'RoleBinding';
  rules: string;
  subjects?: string;
  roleName?: string;
  bindingName?: string;
  namespace?: string;
}): string {
  const roleKind = opts.roleKind ?? 'ClusterRole';
  const bindingKind = opts.bindingKind ?? 'ClusterRoleBinding';
  const ns = opts.namespace ?? 'team-a';
  const roleName = opts.roleName ?? 'r';
  const meta = (name: string, namespaced: boolean) => (namespaced ? `{name: ${JSON.stringify(name)}, namespace: ${ns}}` : `{name: ${JSON.stringify(name)}}`);
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ${bindingKind}
metadata: ${meta(opts.bindingName ?? 'b', bindingKind === 'RoleBinding')}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${JSON.stringify(roleName)}}
subjects: ${opts.subjects ?? '[{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]'}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${roleKind}
metadata: ${meta(roleName, roleKind === 'Role')}
rules: ${opts.rules}
`;
}
