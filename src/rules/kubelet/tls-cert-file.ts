import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { KUBELET_TARGETS, field, forKubelet } from './common.js';

/** CIS 4.2.9: a serving certificate from files, or bootstrapped from the cluster CA (serverTLSBootstrap). */
export default defineRule({
  meta: {
    id: 'kubelet/tls-cert-file',
    title: 'The kubelet must serve TLS with a proper certificate',
    description:
      'Without tlsCertFile/tlsPrivateKeyFile or serverTLSBootstrap the kubelet serves a self-signed certificate, so the API server cannot verify it and connections to it can be intercepted.',
    remediation: 'Set serverTLSBootstrap: true (and approve kubelet serving CSRs), or set tlsCertFile and tlsPrivateKeyFile.',
    severity: 'medium',
    category: 'security',
    references: [cis('4.2.9')],
    targets: KUBELET_TARGETS,
    scope: 'object',
    messages: { selfSigned: 'Node {{node}}: the kubelet serves a self-signed certificate (no tlsCertFile/tlsPrivateKeyFile, serverTLSBootstrap not true)' },
  },
  check(ctx) {
    forKubelet(ctx, (cfg) => {
      const cert = field(cfg, 'tlsCertFile');
      const key = field(cfg, 'tlsPrivateKeyFile');
      const bootstrap = field(cfg, 'serverTLSBootstrap');
      const files = typeof cert === 'string' && cert !== '' && typeof key === 'string' && key !== '';
      const evidence = [
        { path: 'tlsCertFile', actual: cert ?? null, expected: 'set (with tlsPrivateKeyFile), or serverTLSBootstrap: true' },
        { path: 'serverTLSBootstrap', actual: bootstrap ?? null, expected: 'true, or tls files set' },
      ];
      if (files || bootstrap === true) ctx.pass(undefined, {}, evidence);
      else ctx.fail('selfSigned', { node: cfg.metadata.name }, evidence);
    });
  },
});
