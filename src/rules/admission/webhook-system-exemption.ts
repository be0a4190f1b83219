import { defineRule } from '../../engine/rule.js';
import { POD_RESOURCES, WEBHOOK_KINDS, intercepted, interceptsNamespaced, selectsNamespace, webhookLabel, webhooksOf } from './webhooks.js';

const SYSTEM = 'kube-system';

/** Fail-closed webhooks whose namespaceSelector does not exempt kube-system (or their own backend's namespace). */
export default defineRule({
  meta: {
    id: 'admission/webhook-system-exemption',
    title: 'Fail-closed webhooks should exempt kube-system and their own namespace',
    description:
      'A webhook with `failurePolicy: Fail` (the default) blocks every request it matches while its backend is down. If it also matches kube-system, a webhook outage stops CoreDNS, the CNI and kube-proxy from being rescheduled; if it matches its own backend\'s namespace, the backend pods cannot be recreated to end the outage. Either way the cluster is locked until someone deletes the webhook configuration by hand. Webhooks with matchConditions are reported unknown: their CEL conditions may exempt these namespaces.',
    remediation:
      'Add a namespaceSelector that excludes kube-system and the webhook\'s namespace, e.g. `matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, <webhook-namespace>]}]`, or limit the rules to cluster-scoped resources.',
    severity: 'medium',
    category: 'reliability',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9040 Denial of service' },
      { framework: 'MITRE ATT&CK', id: 'T1499 Endpoint Denial of Service' },
    ],
    targets: WEBHOOK_KINDS,
    scope: 'object',
    requires: ['Namespace'],
    messages: {
      lockout: 'Webhook {{webhook}} fails closed and intercepts {{namespaces}}: while its backend is down nothing there can be created or changed{{self}}',
    },
  },
  check(ctx) {
    const hooks = webhooksOf(ctx.target);
    if (hooks.length === 0) return ctx.notApplicable('no webhooks');
    let failed = false;
    const unevaluated: string[] = [];
    for (const w of hooks) {
      if (w.failurePolicy !== 'Fail' || !interceptsNamespaced(w)) continue;
      const own = w.service?.namespace;
      const namespaces = [...new Set([SYSTEM, ...(own ? [own] : [])])].filter((ns) => selectsNamespace(ctx.snapshot, w, ns));
      if (namespaces.length === 0) continue;
      if (w.matchConditions > 0) {
        unevaluated.push(w.name);
        continue;
      }
      failed = true;
      ctx.fail('lockout', { webhook: webhookLabel(ctx.target, w), namespaces: namespaces.join(' and '), self: own && namespaces.includes(own) && intercepted(w, POD_RESOURCES).length > 0 ? `, including the webhook's own backend in ${own}` : '' }, [
        { path: `${w.path}.namespaceSelector`, actual: w.namespaceSelector, expected: `a selector that excludes ${[SYSTEM, ...(own && own !== SYSTEM ? [own] : [])].join(' and ')}` },
        { path: `${w.path}.failurePolicy`, actual: w.failurePolicy, expected: 'Fail with the exemption, or Ignore for webhooks that enforce nothing' },
      ]);
    }
    if (failed) return;
    if (unevaluated.length > 0) return ctx.unknown(`matchConditions (CEL) not evaluated for webhook(s) ${unevaluated.join(', ')}; they may exempt kube-system`);
    ctx.pass(undefined, {}, [{ path: 'webhooks', actual: hooks.map((w) => ({ name: w.name, failurePolicy: w.failurePolicy, namespaceSelector: w.namespaceSelector })), expected: `fail-closed webhooks exempt ${SYSTEM} and their own namespace` }]);
  },
});
