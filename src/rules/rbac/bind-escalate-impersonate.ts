import { defineRule, type RuleContext } from '../../engine/rule.js';
import { namedRoles, namedRolesText, powerfulNamedRoles } from '../../analysis/delegation.js';
import { isEmpty, namedTargets, powerfulTargets, targetsText, type TargetScope } from '../../analysis/impersonation.js';
import { rbacModelFor, subjectsOf, userInfoOf } from '../../analysis/rbac.js';
import { objectRef, refString, type K8sObject } from '../../model/k8s.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, bindingAndRole, failHits, grantingRules, hitEvidence, scopeText, subjectsText, type Hit, type Permission } from './common.js';

const IMPERSONATE = 'impersonate';

const PERMISSIONS: readonly Permission[] = [
  ...['roles', 'clusterroles'].map((resource) => ({ verbs: ['bind', 'escalate'], group: 'rbac.authorization.k8s.io', resource })),
  ...['users', 'groups', 'serviceaccounts', 'uids'].map((resource) => ({ verbs: [IMPERSONATE], group: '', resource })),
  { verbs: [IMPERSONATE], group: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes' },
];

/** Impersonation limited by resourceNames: judged by whom it reaches, not by the verb alone. */
const isNamedImpersonation = (h: Hit): boolean => h.verbs.includes(IMPERSONATE) && (h.rule.resourceNames?.length ?? 0) > 0;

/** bind (without escalate) limited by resourceNames: judged by the named roles' rights. */
const isNamedBind = (h: Hit): boolean => h.verbs.every((v) => v === 'bind') && h.permission.group === 'rbac.authorization.k8s.io' && (h.rule.resourceNames?.length ?? 0) > 0;

/**
 * CIS 5.1.8: one result per binding; evidence names binding → role → rule.
 * escalate, unrestricted bind and unrestricted impersonate always fail (escalate on a named role
 * lets the holder rewrite that role to anything). Impersonate limited by resourceNames (e.g.
 * Palisade's own probes overlay, which acts as named tenant subjects) fails only when a named
 * subject, or one it can impersonate in turn, holds cluster-wide or escalating rights; named uids
 * and user extras add no RBAC rights of their own. bind limited by resourceNames (the documented
 * delegation pattern) fails only when a named role grants such rights (../../analysis/delegation.ts).
 */
export default defineRule({
  meta: {
    id: 'rbac/bind-escalate-impersonate',
    title: 'bind, escalate and impersonate should not be granted',
    description:
      'bind and escalate let a subject grant itself permissions it does not have; impersonate lets it act as any user, group or ServiceAccount. Each is a direct privilege escalation. Impersonation limited to named subjects is as powerful as the most powerful of them.',
    remediation:
      'Remove bind/escalate on roles and clusterroles and impersonate on users, groups, serviceaccounts and uids, except for the few controllers that need them. Where impersonation is needed, limit it with resourceNames to subjects without cluster-wide or escalating rights.',
    severity: 'critical',
    category: 'security',
    references: [cis('5.1.8')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: {
      escalates: '{{subjects}} can {{what}} {{scope}} through {{role}}',
      impersonatesPowerful: '{{subjects}} can impersonate {{target}} {{scope}} through {{role}}, which can {{powers}}',
      namedOnly: '{{subjects}} can impersonate only {{targets}} {{scope}}; none of them holds cluster-wide or escalating rights',
      bindsPowerful: '{{subjects}} can bind {{target}} {{scope}} through {{role}}, which grants {{powers}}',
      namedBindOnly: '{{subjects}} can bind only {{targets}} {{scope}}; none of them grants cluster-wide or escalating rights',
    },
  },
  check(ctx) {
    const br = bindingAndRole(ctx);
    if (!br) return;
    const hits = grantingRules(ctx, br.binding, br.role, PERMISSIONS);
    const named = hits.filter(isNamedImpersonation);
    const namedBinds = hits.filter(isNamedBind);
    const direct = hits.filter((h) => !isNamedImpersonation(h) && !isNamedBind(h));
    failHits(ctx, 'escalates', br, direct, 'no bind, escalate or impersonate');
    const common = { subjects: subjectsText(br.binding), scope: scopeText(br.binding), role: refString(objectRef(br.role)) };
    const bindFailed = judgeNamedBinds(ctx, br, namedBinds, common);
    const targets = namedTargets(named.map((h) => h.rule));
    if (isEmpty(targets)) {
      if (namedBinds.length > 0 && !bindFailed && direct.length === 0) {
        ctx.pass('namedBindOnly', { ...common, targets: namedRolesText(namedRoles(namedBinds.map((h) => h.rule))) }, namedBinds.map((h) => hitEvidence(br.binding, br.role, h, BIND_EXPECTED)));
      }
      return;
    }
    const model = rbacModelFor(ctx.snapshot);
    const allNamespaces = [...new Set([...ctx.snapshot.namespaceNames(), ...model.subjects().flatMap((s) => (s.namespace ? [s.namespace] : [])), 'kube-system'])].sort();
    const scope: TargetScope = br.binding.kind === 'RoleBinding' ? { namespace: br.binding.metadata.namespace ?? '' } : { namespaces: allNamespaces };
    const powerful = powerfulTargets(model, targets, scope, allNamespaces, subjectsOf(br.binding).map(userInfoOf));
    const evidence = [
      ...named.map((h) => hitEvidence(br.binding, br.role, h, 'impersonation only of subjects without cluster-wide or escalating rights')),
      ...namedBinds.map((h) => hitEvidence(br.binding, br.role, h, BIND_EXPECTED)),
    ];
    const first = powerful[0];
    if (first) {
      ctx.fail('impersonatesPowerful', { ...common, target: first.chain.join(' → '), powers: first.powers.slice(0, 3).join(', ') }, [
        ...evidence,
        ...powerful.map((p) => ({ path: p.chain.join(' → '), actual: { powers: p.powers, via: p.via }, expected: 'no cluster-wide or escalating rights' })),
      ]);
    } else if (direct.length === 0 && !bindFailed) {
      ctx.pass('namedOnly', { ...common, targets: targetsText(targets) }, evidence);
    }
  },
});

const BIND_EXPECTED = 'bind only roles without cluster-wide or escalating rights';

/** Fails when a role named by a limited bind grants rights its holders lack; true when it failed. */
function judgeNamedBinds(ctx: RuleContext, br: { binding: K8sObject; role: K8sObject }, hits: readonly Hit[], common: { subjects: string; scope: string; role: string }): boolean {
  if (hits.length === 0) return false;
  const model = rbacModelFor(ctx.snapshot);
  const namespace = br.binding.kind === 'RoleBinding' ? (br.binding.metadata.namespace ?? '') : undefined;
  const powerful = powerfulNamedRoles(model, namedRoles(hits.map((h) => h.rule)), namespace, subjectsOf(br.binding).map(userInfoOf));
  const first = powerful[0];
  if (!first) return false;
  ctx.fail('bindsPowerful', { ...common, target: first.role, powers: first.powers.slice(0, 3).join(', ') }, [
    ...hits.map((h) => hitEvidence(br.binding, br.role, h, BIND_EXPECTED)),
    ...powerful.map((p) => ({ path: p.role, actual: { powers: p.powers, via: p.via }, expected: 'no cluster-wide or escalating rights' })),
  ]);
  return true;
}
