import { defineRule } from '../../engine/rule.js';
import { SECURITY_RESOURCES, WEBHOOK_KINDS, intercepted, webhookLabel, webhooksOf } from './webhooks.js';

/** Policy webhooks on security-relevant resources that let requests through when they cannot be reached. */
export default defineRule({
  meta: {
    id: 'admission/webhook-fail-open',
    title: 'Webhooks on security-relevant resources should fail closed',
    description:
      'With `failurePolicy: Ignore` the API server admits a request when the webhook times out, errors or is unreachable. A policy webhook (Gatekeeper, Kyverno, an image verifier) that fails open on pods, workloads, RBAC, Secrets or the webhook configurations themselves is a control an attacker switches off by crashing, starving or network-isolating its pods, after which anything is admitted unchecked. CEL matchConditions do not change this: they narrow which requests the webhook sees, and every request they let through is still admitted unchecked while it is down (a condition that errors is skipped too under Ignore).',
    remediation:
      'Set `failurePolicy: Fail` on the policy webhooks that guard these resources, run their backends with several replicas and a PodDisruptionBudget, and exempt kube-system and the webhook\'s own namespace with a namespaceSelector so a failure cannot lock the cluster (see admission/webhook-system-exemption). Webhooks that only mutate for convenience can stay `Ignore` if they enforce nothing.',
    severity: 'medium',
    category: 'security',
    references: [{ framework: 'MITRE ATT&CK', id: 'T1562 Impair Defenses' }],
    targets: WEBHOOK_KINDS,
    scope: 'object',
    messages: { failOpen: 'Webhook {{webhook}} guards {{resources}} with failurePolicy Ignore: requests are admitted unchecked when it is unavailable' },
  },
  check(ctx) {
    const hooks = webhooksOf(ctx.target);
    if (hooks.length === 0) return ctx.notApplicable('no webhooks');
    let failed = false;
    for (const w of hooks) {
      if (w.failurePolicy !== 'Ignore') continue;
      const guarded = intercepted(w, SECURITY_RESOURCES);
      if (guarded.length === 0) continue;
      failed = true;
      ctx.fail('failOpen', { webhook: webhookLabel(ctx.target, w), resources: guarded.join(', ') }, [
        { path: `${w.path}.failurePolicy`, actual: w.failurePolicy, expected: 'Fail' },
        { path: `${w.path}.rules`, actual: guarded, expected: 'fail closed on security-relevant resources' },
        ...(w.matchConditions.length > 0 ? [{ path: `${w.path}.matchConditions`, actual: w.matchConditions.map((c) => c.name), expected: 'narrow the requests seen; the ones they let through still fail open' }] : []),
      ]);
    }
    if (!failed) ctx.pass(undefined, {}, [{ path: 'webhooks', actual: hooks.map((w) => ({ name: w.name, failurePolicy: w.failurePolicy })), expected: 'Fail on security-relevant resources' }]);
  },
});
