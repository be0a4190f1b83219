import { defineRule } from '../../engine/rule.js';
import { componentInstances } from '../../analysis/flags.js';
import { cis } from '../control-plane/common.js';

/**
 * CIS 3.1.3: bootstrap tokens are for joining nodes, not for people. Palisade never reads Secret
 * data, so a token's expiration and usages are not checked: any bootstrap token Secret while the
 * API server accepts bootstrap tokens is reported, to be reviewed and removed after node joins.
 */
export default defineRule({
  meta: {
    id: 'secrets/bootstrap-tokens',
    title: 'Bootstrap tokens should not linger',
    description:
      'A bootstrap token authenticates as system:bootstrappers and can request node certificates; one kept after node joins (or handed to people) is a long-lived shared credential.',
    remediation: 'Delete bootstrap token Secrets after nodes have joined (kubeadm token delete), give them short TTLs, and never use them for user access.',
    severity: 'medium',
    category: 'security',
    references: [cis('3.1.3')],
    targets: ['Cluster'],
    scope: 'cluster',
    requires: ['Secret'],
    messages: { present: '{{count}} bootstrap token Secret(s) exist in kube-system while bootstrap token authentication is {{auth}}: {{names}}' },
  },
  check(ctx) {
    const apiservers = componentInstances(ctx.snapshot, 'kube-apiserver');
    const enabled = apiservers.some((a) => a.get('enable-bootstrap-token-auth')?.toLowerCase() === 'true');
    if (apiservers.length > 0 && !enabled) {
      return ctx.pass(undefined, {}, [{ path: apiservers[0]!.path('enable-bootstrap-token-auth'), actual: apiservers[0]!.get('enable-bootstrap-token-auth') ?? null, expected: 'bootstrap tokens cannot authenticate' }]);
    }
    // Offline, an input without any Secret says nothing about the cluster's Secrets (live, the
    // Secret list is complete, or the rule is unknown through `requires`).
    if (ctx.snapshot.mode === 'offline' && ctx.snapshot.ofKind('Secret').length === 0) return ctx.unknown('no Secret metadata in the input');
    const tokens = ctx.snapshot.inNamespace('kube-system', 'Secret').filter((s) => s['type'] === 'bootstrap.kubernetes.io/token');
    if (tokens.length === 0) return;
    ctx.fail('present', { count: tokens.length, auth: enabled ? 'enabled' : 'possibly enabled (API server flags not visible)', names: tokens.map((t) => t.metadata.name).join(', ') }, [
      { path: 'kube-system Secrets of type bootstrap.kubernetes.io/token', actual: tokens.map((t) => t.metadata.name), expected: 'none after node joins' },
    ]);
  },
});
