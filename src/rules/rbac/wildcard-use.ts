import { defineRule } from '../../engine/rule.js';
import { isSystemRbacObject, rulesField, ruleString } from '../../analysis/rbac.js';
import { cis } from '../control-plane/common.js';
import { SYSTEM_EXCLUDED } from './common.js';

/**
 * CIS 5.1.3. Wildcards in the rules a role states itself (for aggregated ClusterRoles the
 * wildcard is reported on the source role it comes from).
 */
export default defineRule({
  meta: {
    id: 'rbac/wildcard-use',
    title: 'Roles should not use wildcards',
    description:
      '"*" in verbs, resources or apiGroups grants everything that exists now and every resource or verb added later (CRDs, subresources such as pods/exec), which defeats least privilege.',
    remediation: 'List the verbs, resources and API groups the subject needs explicitly.',
    severity: 'medium',
    category: 'security',
    references: [cis('5.1.3')],
    targets: ['ClusterRole', 'Role'],
    scope: 'object',
    messages: { wildcard: 'rules[{{index}}] uses "*" in {{fields}}: {{rule}}' },
  },
  check(ctx) {
    if (ctx.config.rules.excludeSystemRbac && isSystemRbacObject(ctx.target)) return ctx.notApplicable(SYSTEM_EXCLUDED);
    rulesField(ctx.target).forEach((rule, index) => {
      const fields = (['verbs', 'apiGroups', 'resources', 'nonResourceURLs'] as const).filter((f) => (rule[f] ?? []).includes('*'));
      if (fields.length === 0) return;
      ctx.fail('wildcard', { index, fields: fields.join(', '), rule: ruleString(rule) }, [
        { path: `rules[${index}]`, actual: ruleString(rule), expected: 'explicit verbs, resources and apiGroups' },
      ]);
    });
  },
});
