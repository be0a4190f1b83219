import { defineRule } from '../../engine/rule.js';
import { isRecord } from '../../model/k8s.js';
import { backendOf, groupVersion } from './common.js';

/** Aggregated APIs the API server proxies to without checking the backend's certificate. */
export default defineRule({
  meta: {
    id: 'apiservice/insecure-skip-tls-verify',
    title: 'Aggregated APIServices should verify their backend\'s certificate',
    description:
      'The API server forwards every request for an aggregated API group to the APIService\'s Service, with the caller\'s user name and groups in headers and its own front-proxy client certificate. With `insecureSkipTLSVerify: true` it does not check who answers: anything that can take over the Service\'s endpoints or intercept pod traffic impersonates the API, reads what clients send it and returns forged answers (for metrics.k8s.io, the figures autoscaling acts on).',
    remediation: 'Set `caBundle` to the CA that signed the backend\'s serving certificate (cert-manager\'s CA injector can keep it current) and remove `insecureSkipTLSVerify`.',
    severity: 'medium',
    category: 'security',
    // The Microsoft matrix has no technique for aggregated APIs; unverified TLS to the backend is ATT&CK's adversary-in-the-middle.
    references: [{ framework: 'MITRE ATT&CK', id: 'T1557 Adversary-in-the-Middle' }],
    targets: ['APIService'],
    scope: 'object',
    messages: { insecure: 'APIService {{api}} is proxied to {{service}} without TLS verification' },
  },
  check(ctx) {
    const backend = backendOf(ctx.target);
    if (!backend) return ctx.notApplicable('local APIService (served by kube-apiserver itself)');
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const insecure = spec['insecureSkipTLSVerify'] === true;
    const evidence = [{ path: 'spec.insecureSkipTLSVerify', actual: insecure, expected: 'false, with caBundle set' }];
    if (insecure) ctx.fail('insecure', { api: groupVersion(ctx.target), service: `${backend.namespace}/${backend.name}` }, evidence);
    else ctx.pass(undefined, {}, [...evidence, { path: 'spec.caBundle', actual: typeof spec['caBundle'] === 'string' && spec['caBundle'] !== '' ? 'set' : 'unset', expected: 'set' }]);
  },
});
