import { defineRule } from '../../engine/rule.js';
import { cis, forEachInstance, goDurationSeconds } from './common.js';

/** CIS 1.2.20. Unset keeps the 60s default, which is appropriate; 0 or garbage is not. */
export default defineRule({
  meta: {
    id: 'control-plane/request-timeout',
    title: 'The API server request timeout must be a positive duration',
    description: 'A zero or invalid --request-timeout lets slow clients hold API server resources indefinitely.',
    remediation: 'Leave --request-timeout unset (60s) or set a positive duration such as 300s for large clusters.',
    severity: 'low',
    category: 'reliability',
    references: [cis('1.2.20')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: '{{instance}}: --request-timeout is "{{actual}}" (expected a positive duration)' },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-apiserver', (inst) => {
      const v = inst.get('request-timeout');
      const evidence = [{ path: inst.path('request-timeout'), actual: v ?? null, expected: 'unset (60s) or a positive duration' }];
      if (v === undefined) return ctx.pass(undefined, {}, evidence);
      const seconds = goDurationSeconds(v);
      if (seconds === undefined || seconds <= 0) ctx.fail('wrongValue', { instance: inst.label, actual: v }, evidence);
      else ctx.pass(undefined, {}, evidence);
    });
  },
});
