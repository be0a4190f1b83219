import { defineRule } from '../../engine/rule.js';
import { componentInstances } from '../../analysis/flags.js';
import { globMatch } from '../../engine/glob.js';
import { objectRef, refString } from '../../model/k8s.js';
import { cis } from '../control-plane/common.js';

/** Webhook configurations of admission policy engines, recognised by name. */
const ENGINE = /kyverno|gatekeeper|kubewarden|jspolicy|polaris|datree|k-rail|opa/i;

/**
 * CIS 5.2.1: at least one active policy control mechanism — Pod Security Admission enforce
 * labels on user namespaces, ValidatingAdmissionPolicy bindings, or a policy engine's webhooks.
 */
export default defineRule({
  meta: {
    id: 'admission/policy-control-mechanism',
    title: 'An admission policy mechanism must be active',
    description:
      'Without Pod Security Admission enforcement, ValidatingAdmissionPolicies or a policy engine, nothing stops a user who can create pods from creating privileged ones.',
    remediation:
      'Label user namespaces with pod-security.kubernetes.io/enforce=baseline (or restricted), or deploy ValidatingAdmissionPolicies or a policy engine (Kyverno, Gatekeeper).',
    severity: 'high',
    category: 'security',
    references: [cis('5.2.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    requires: ['Namespace', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
    messages: { none: 'No admission policy mechanism found: no namespace enforces Pod Security, no ValidatingAdmissionPolicyBinding, no policy engine webhook' },
  },
  check(ctx) {
    const s = ctx.snapshot;
    const system = ctx.config.tenancy.systemNamespaces;
    const psaDisabled = componentInstances(s, 'kube-apiserver').some((a) => a.list('disable-admission-plugins').includes('PodSecurity'));
    const enforcing = psaDisabled
      ? []
      : s.ofKind('Namespace').filter((n) => !system.some((g) => globMatch(g, n.metadata.name)) && (n.metadata.labels?.['pod-security.kubernetes.io/enforce'] ?? 'privileged') !== 'privileged');
    const vap = s.ofKind('ValidatingAdmissionPolicyBinding');
    const engines = [...s.ofKind('ValidatingWebhookConfiguration'), ...s.ofKind('MutatingWebhookConfiguration')].filter((w) => ENGINE.test(w.metadata.name));
    const found = [
      ...enforcing.map((n) => `Namespace/${n.metadata.name} enforce=${n.metadata.labels?.['pod-security.kubernetes.io/enforce'] ?? ''}`),
      ...vap.map((b) => refString(objectRef(b))),
      ...engines.map((w) => refString(objectRef(w))),
    ];
    const evidence = [{ path: 'admission mechanisms', actual: found.length > 0 ? found.slice(0, 10) : psaDisabled ? 'PodSecurity admission disabled on kube-apiserver' : null, expected: 'at least one enforcing mechanism' }];
    if (found.length === 0) ctx.fail('none', {}, evidence);
    else ctx.pass(undefined, {}, evidence);
  },
});
