import { defineRule } from '../../engine/rule.js';
import { POD_RESOURCES, WEBHOOK_KINDS, intercepted, interceptsNamespaced, matchConditionsFor, selectsNamespace, webhookLabel, webhooksOf } from './webhooks.js';

const SYSTEM = 'kube-system';

/** Fail-closed webhooks whose namespaceSelector does not exempt kube-system (or their own backend's namespace). */
export default defineRule({
  meta: {
    id: 'admission/webhook-system-exemption',
    title: 'Fail-closed webhooks should exempt kube-system and their own namespace',
    description:
      'A webhook with `failurePolicy: Fail` (the default) blocks every request it matches while its backend is down. If it also matches kube-system, a webhook outage stops CoreDNS, the CNI and kube-proxy from being rescheduled; if it matches its own backend\'s namespace, the backend pods cannot be recreated to end the outage. Either way the cluster is locked until someone deletes the webhook configuration by hand. CEL matchConditions count as an exemption when a condition is false for every request in the namespace, judged from the parts of it that read only `request.namespace` (`request.namespace != "kube-system"`); a condition that depends on anything else (the object, the user) is not guessed, and leaves the result unknown.',
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
      const selected = [...new Set([SYSTEM, ...(own ? [own] : [])])].filter((ns) => selectsNamespace(ctx.snapshot, w, ns));
      const verdicts = selected.map((ns) => ({ ns, v: matchConditionsFor(w, ns) }));
      const namespaces = verdicts.filter((x) => x.v.verdict === 'included').map((x) => x.ns);
      for (const x of verdicts) if (x.v.verdict === 'unknown') unevaluated.push(`${w.name} in ${x.ns}: ${x.v.why}`);
      if (namespaces.length === 0) continue;
      failed = true;
      const exempted = verdicts.flatMap((x) => (x.v.verdict === 'excluded' ? [`${x.ns} (matchCondition ${x.v.by})`] : []));
      ctx.fail('lockout', { webhook: webhookLabel(ctx.target, w), namespaces: namespaces.join(' and '), self: own && namespaces.includes(own) && intercepted(w, POD_RESOURCES).length > 0 ? `, including the webhook's own backend in ${own}` : '' }, [
        { path: `${w.path}.namespaceSelector`, actual: w.namespaceSelector, expected: `a selector that excludes ${[SYSTEM, ...(own && own !== SYSTEM ? [own] : [])].join(' and ')}` },
        { path: `${w.path}.failurePolicy`, actual: w.failurePolicy, expected: 'Fail with the exemption, or Ignore for webhooks that enforce nothing' },
        ...(w.matchConditions.length > 0 ? [{ path: `${w.path}.matchConditions`, actual: exempted.length > 0 ? { exempted } : w.matchConditions.map((c) => c.name), expected: `a condition false for every request in ${namespaces.join(' and ')}` }] : []),
      ]);
    }
    if (failed) return;
    if (unevaluated.length > 0) return ctx.unknown(`whether matchConditions exempt the namespace cannot be judged for webhook ${unevaluated.join('; ')}`);
    ctx.pass(undefined, {}, [
      {
        path: 'webhooks',
        actual: hooks.map((w) => ({ name: w.name, failurePolicy: w.failurePolicy, namespaceSelector: w.namespaceSelector, ...(w.matchConditions.length > 0 ? { matchConditions: w.matchConditions.map((c) => c.name) } : {}) })),
        expected: `fail-closed webhooks exempt ${SYSTEM} and their own namespace`,
      },
    ]);
  },
});
