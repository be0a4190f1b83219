import { defineRule } from '../../engine/rule.js';
import { SENSITIVE_RESOURCES, WEBHOOK_KINDS, intercepted, urlHost, webhookLabel, webhooksOf } from './webhooks.js';

/** Webhooks called by URL (outside the cluster's Services) that are sent Secrets, pods or RBAC objects. */
export default defineRule({
  meta: {
    id: 'admission/webhook-external-url',
    title: 'Webhooks that see Secrets, pods or RBAC should be served inside the cluster',
    description:
      'An admission webhook receives the whole object of every request it matches: a webhook on Secrets is sent their data, one on pods every pod spec and its environment, one on RBAC every role and binding (and a mutating one can change them). With `clientConfig.url` instead of `clientConfig.service` those requests leave the cluster for an endpoint that no NetworkPolicy, RBAC or audit of this cluster covers; whoever controls that host or its DNS reads, and for mutating webhooks rewrites, them.',
    remediation:
      'Serve the webhook from a Service in a platform namespace (`clientConfig.service`), or narrow its `rules` so it no longer matches secrets, pods or rbac.authorization.k8s.io resources. If an external endpoint is required, pin it with `caBundle` and keep it under the same change control as the cluster.',
    severity: 'high',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9015 Malicious admission controller' },
      { framework: 'MITRE ATT&CK', id: 'T1552.007 Container API' },
    ],
    targets: WEBHOOK_KINDS,
    scope: 'object',
    messages: { external: 'Webhook {{webhook}} sends {{resources}} admission requests to {{host}}, outside the cluster' },
  },
  check(ctx) {
    const hooks = webhooksOf(ctx.target);
    if (hooks.length === 0) return ctx.notApplicable('no webhooks');
    let failed = false;
    for (const w of hooks) {
      if (w.url === undefined) continue;
      const seen = intercepted(w, SENSITIVE_RESOURCES);
      if (seen.length === 0) continue;
      failed = true;
      const host = urlHost(w.url);
      ctx.fail('external', { webhook: webhookLabel(ctx.target, w), resources: seen.join(', '), host }, [
        { path: `${w.path}.clientConfig.url`, actual: host, expected: 'clientConfig.service in the cluster' },
        { path: `${w.path}.rules`, actual: seen, expected: 'no secrets, pods or RBAC resources' },
      ]);
    }
    if (!failed) {
      ctx.pass(undefined, {}, [{ path: 'webhooks', actual: hooks.map((w) => ({ name: w.name, backend: w.url !== undefined ? urlHost(w.url) : w.service ? `${w.service.namespace}/${w.service.name}` : null, sensitive: intercepted(w, SENSITIVE_RESOURCES) })), expected: 'sensitive resources only to in-cluster Services' }]);
    }
  },
});
