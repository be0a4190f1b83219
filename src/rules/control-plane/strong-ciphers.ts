import { defineRule } from '../../engine/rule.js';
import { STRONG_CIPHERS, cis, forEachInstance } from './common.js';

/** CIS 1.2.29. Unset means Go's default list, which still includes CBC suites: it does not pass. */
export default defineRule({
  meta: {
    id: 'control-plane/strong-ciphers',
    title: 'The API server must only offer strong TLS cipher suites',
    description: 'CBC-mode and non-ECDHE suites allow downgrade and padding-oracle attacks on API traffic.',
    remediation: `Set --tls-cipher-suites on kube-apiserver to a subset of: ${[...STRONG_CIPHERS].join(',')}.`,
    severity: 'low',
    category: 'security',
    references: [cis('1.2.29')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: {
      missing: '{{instance}}: --tls-cipher-suites is not set, so Go defaults (including CBC suites) are offered',
      weak: '{{instance}}: weak cipher suites offered: {{weak}}',
    },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-apiserver', (inst) => {
      const list = inst.list('tls-cipher-suites');
      const expected = 'a non-empty subset of the CIS strong cipher list';
      const evidence = [{ path: inst.path('tls-cipher-suites'), actual: list.length ? list.join(',') : null, expected }];
      if (list.length === 0) return ctx.fail('missing', { instance: inst.label }, evidence);
      const weak = list.filter((c) => !STRONG_CIPHERS.has(c));
      if (weak.length > 0) ctx.fail('weak', { instance: inst.label, weak: weak.join(', ') }, evidence);
      else ctx.pass(undefined, {}, evidence);
    });
  },
});
