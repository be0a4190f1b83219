import { defineRule } from '../../engine/rule.js';
import { isEmpty, namedTargets, powerfulTargets, targetsText, type TargetScope } from '../../analysis/impersonation.js';
import { rbacModelFor, subjectsOf, userInfoOf } from '../../analysis/rbac.js';
import { objectRef, refString } from '../../model/k8s.js';
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

/**
 * CIS 5.1.8: one result per binding; evidence names binding → role → rule.
 * bind, escalate and unrestricted impersonate always fail. Impersonate limited by resourceNames
 * (e.g. Palisade's own probes overlay, which acts as named tenant subjects) fails only when a named
 * subject, or one it can impersonate in turn, holds cluster-wide or escalating rights; named uids
 * and user extras add no RBAC rights of their own.
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
    },
  },
  check(ctx) {
    const br = bindingAndRole(ctx);
    if (!br) return;
    const hits = grantingRules(ctx, br.binding, br.role, PERMISSIONS);
    const named = hits.filter(isNamedImpersonation);
    const direct = hits.filter((h) => !isNamedImpersonation(h));
    failHits(ctx, 'escalates', br, direct, 'no bind, escalate or impersonate');
    const targets = namedTargets(named.map((h) => h.rule));
    if (isEmpty(targets)) return;
    const model = rbacModelFor(ctx.snapshot);
    const allNamespaces = [...new Set([...ctx.snapshot.namespaceNames(), ...model.subjects().flatMap((s) => (s.namespace ? [s.namespace] : [])), 'kube-system'])].sort();
    const scope: TargetScope = br.binding.kind === 'RoleBinding' ? { namespace: br.binding.metadata.namespace ?? '' } : { namespaces: allNamespaces };
    const powerful = powerfulTargets(model, targets, scope, allNamespaces, subjectsOf(br.binding).map(userInfoOf));
    const common = { subjects: subjectsText(br.binding), scope: scopeText(br.binding), role: refString(objectRef(br.role)) };
    const evidence = named.map((h) => hitEvidence(br.binding, br.role, h, 'impersonation only of subjects without cluster-wide or escalating rights'));
    const first = powerful[0];
    if (first) {
      ctx.fail('impersonatesPowerful', { ...common, target: first.chain.join(' → '), powers: first.powers.slice(0, 3).join(', ') }, [
        ...evidence,
        ...powerful.map((p) => ({ path: p.chain.join(' → '), actual: { powers: p.powers, via: p.via }, expected: 'no cluster-wide or escalating rights' })),
      ]);
    } else if (direct.length === 0) {
      ctx.pass('namedOnly', { ...common, targets: targetsText(targets) }, evidence);
    }
  },
});
