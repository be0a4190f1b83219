import { defineRule } from '../../engine/rule.js';
import { computedRbacModelFor, rbacModelFor, ruleString, type PolicyRule } from '../../analysis/rbac.js';

/** A rule's identity for comparison (key order does not matter; list order does, as for the controller). */
function ruleKey(r: PolicyRule): string {
  const keys = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;
  return JSON.stringify(keys.map((k) => (r[k]?.length ? r[k] : [])));
}

/**
 * Live, the authorizer grants an aggregated ClusterRole's *stored* rules, and Palisade judges it by
 * them. When no aggregation controller runs (a bare API server), or it is stale, those differ from
 * what the role's selectors would aggregate: bindings to it grant more or less than they appear to.
 */
export default defineRule({
  meta: {
    id: 'rbac/aggregated-role-drift',
    title: 'Aggregated ClusterRoles should hold what their selectors aggregate',
    description:
      'The API server authorizes with the rules stored in an aggregated ClusterRole, which the clusterrole-aggregation controller (kube-controller-manager) keeps equal to the union of the ClusterRoles its selectors match. Stored rules the selectors do not yield grant more than the role declares (an edit the controller will undo, or a controller that is not running); rules missing from the stored role mean bindings to it grant less than expected.',
    remediation:
      'Make sure kube-controller-manager runs its clusterrole-aggregation controller; do not edit the rules of an aggregated ClusterRole by hand (label a source ClusterRole with the selector instead).',
    severity: 'medium',
    category: 'security',
    references: [],
    targets: ['ClusterRole'],
    scope: 'object',
    messages: {
      drift: 'The stored rules differ from what the aggregation rule selects: {{extra}} stored but not aggregated, {{missing}} aggregated but not stored',
    },
  },
  check(ctx) {
    const role = ctx.target;
    if (role['aggregationRule'] === undefined || role['aggregationRule'] === null) return ctx.notApplicable('not an aggregated ClusterRole');
    if (ctx.snapshot.mode === 'offline') return ctx.notApplicable('offline manifests leave aggregated rules to the aggregation controller; they are computed');
    const stored = rbacModelFor(ctx.snapshot).rulesOf(role).map((r) => r.rule);
    const computed = computedRbacModelFor(ctx.snapshot).rulesOf(role).map((r) => r.rule);
    const storedKeys = new Set(stored.map(ruleKey));
    const computedKeys = new Set(computed.map(ruleKey));
    const extra = stored.filter((r) => !computedKeys.has(ruleKey(r)));
    const missing = computed.filter((r) => !storedKeys.has(ruleKey(r)));
    if (extra.length === 0 && missing.length === 0) return;
    ctx.fail('drift', { extra: extra.length, missing: missing.length }, [
      ...extra.map((r) => ({ path: `rules[${stored.indexOf(r)}]`, actual: ruleString(r), expected: 'a rule of a ClusterRole the aggregation rule selects' })),
      ...missing.map((r) => ({ path: 'rules', actual: null, expected: `${ruleString(r)} (aggregated)` })),
    ]);
  },
});
