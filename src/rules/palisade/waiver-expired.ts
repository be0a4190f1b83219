import { defineRule } from '../../engine/rule.js';
import { isExpired } from '../../engine/waivers.js';

/** DESIGN.md: "An expired waiver is itself a finding." Expired waivers stop applying; this says so. */
export default defineRule({
  meta: {
    id: 'palisade/waiver-expired',
    title: 'Waivers must not be past their expiry date',
    description:
      'A waiver records an accepted risk until a date. After it, the waived findings count again and the acceptance needs a fresh decision; an expired waiver left in the config hides that nobody renewed or fixed it.',
    remediation:
      'Fix the waived findings and delete the waiver, or have the approver renew it with a new expires date and ticket in palisade.yaml.',
    severity: 'medium',
    category: 'security',
    references: [],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: {
      expired: 'Waiver for {{rule}} on {{scope}} expired on {{expires}} (approver: {{approver}}, ticket: {{ticket}})',
    },
  },
  check(ctx) {
    const waivers = ctx.config.waivers;
    if (waivers.length === 0) {
      ctx.notApplicable('No waivers configured');
      return;
    }
    waivers.forEach((w, i) => {
      if (!isExpired(w, ctx.now)) return;
      const scope = [w.kind ?? '*', w.namespace ?? '*', w.name ?? '*'].join('/');
      ctx.fail(
        'expired',
        { rule: w.rule, scope, expires: w.expires ?? '', approver: w.approver ?? 'none', ticket: w.ticket ?? 'none' },
        [
          {
            path: `waivers[${i}].expires`,
            actual: {
              rule: w.rule,
              namespace: w.namespace ?? '*',
              name: w.name ?? '*',
              kind: w.kind ?? '*',
              expires: w.expires,
              approver: w.approver ?? null,
              ticket: w.ticket ?? null,
            },
            expected: `an expiry after ${ctx.now.toISOString()}, or the waiver removed`,
          },
        ],
      );
    });
  },
});
