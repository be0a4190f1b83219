import { defineRule } from '../../engine/rule.js';
import { STRONG_CIPHERS, cis } from '../control-plane/common.js';
import { KUBELET_TARGETS, field, forKubelet } from './common.js';

/** CIS 4.2.12. Unset means Go's default list, which still includes CBC suites. */
export default defineRule({
  meta: {
    id: 'kubelet/strong-ciphers',
    title: 'The kubelet must only offer strong TLS cipher suites',
    description: 'CBC-mode and non-ECDHE suites on the kubelet port allow downgrade and padding-oracle attacks on exec, logs and port-forward traffic.',
    remediation: `Set tlsCipherSuites in the kubelet configuration to a subset of: ${[...STRONG_CIPHERS].join(', ')}.`,
    severity: 'low',
    category: 'security',
    references: [cis('4.2.12')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: {
      missing: 'Node {{node}}: tlsCipherSuites is not set, so Go defaults (including CBC suites) are offered',
      weak: 'Node {{node}}: weak cipher suites offered: {{weak}}',
    },
  },
  check(ctx) {
    forKubelet(ctx, (cfg) => {
      const raw = field(cfg, 'tlsCipherSuites');
      const list = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
      const evidence = [{ path: 'tlsCipherSuites', actual: raw ?? null, expected: 'a non-empty subset of the CIS strong cipher list' }];
      if (list.length === 0) return ctx.fail('missing', { node: cfg.metadata.name }, evidence);
      const weak = list.filter((c) => !STRONG_CIPHERS.has(c));
      if (weak.length > 0) ctx.fail('weak', { node: cfg.metadata.name, weak: weak.join(', ') }, evidence);
      else ctx.pass(undefined, {}, evidence);
    });
  },
});
