import { peer } from '../../model/result.js';
import { defineRule } from '../../engine/rule.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';

/** Host suffixes that are not reachable from the internet (RFC 6762 .local, .internal, cluster DNS). */
const INTERNAL_SUFFIXES = ['.local', '.internal', '.svc', '.cluster.local', '.localhost'];

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Whether a TLS host entry (possibly a `*.` wildcard of one label) covers the rule host. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const rest = host.slice(host.indexOf('.'));
  return host.indexOf('.') > 0 && rest === tlsHost.slice(1);
}

export function isInternalHost(host: string): boolean {
  return INTERNAL_SUFFIXES.some((s) => host === s.slice(1) || host.endsWith(s));
}

function ingressClass(ing: K8sObject, spec: Record<string, unknown>): string | undefined {
  const c = spec['ingressClassName'] ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
  return typeof c === 'string' ? c : undefined;
}

/** Each host an Ingress serves to the outside must be in a TLS entry (Polaris tlsSettingsMissing). */
export default defineRule({
  meta: {
    id: 'network/ingress-tls',
    title: 'Ingress hosts exposed outside the cluster should use TLS',
    description:
      'An Ingress host without a spec.tls entry is served over plain HTTP: credentials, cookies and data cross the network in clear text and can be changed in transit. Hosts under internal suffixes (.local, .internal, .svc, .cluster.local) and Ingresses of classes listed in the rule option internalIngressClasses are not applicable.',
    remediation: 'Add spec.tls with every host and a certificate Secret (cert-manager can issue it), and redirect HTTP to HTTPS at the controller.',
    severity: 'medium',
    category: 'security',
    references: [{ framework: 'NSA', id: 'C-0263' }, peer('polaris/tlsSettingsMissing')],
    targets: ['Ingress'],
    scope: 'object',
    context: 'namespace',
    messages: { plaintext: 'Ingress {{name}} serves {{hosts}} without TLS' },
  },
  check(ctx) {
    const spec = isRecord(ctx.target['spec']) ? ctx.target['spec'] : {};
    const internalClasses = strings(ctx.options['internalIngressClasses']);
    const cls = ingressClass(ctx.target, spec);
    if (cls !== undefined && internalClasses.includes(cls)) return ctx.notApplicable(`ingress class ${cls} is internal (rule option internalIngressClasses)`);
    const tlsHosts = (Array.isArray(spec['tls']) ? spec['tls'] : []).filter(isRecord).flatMap((t) => strings(t['hosts']));
    const rules = (Array.isArray(spec['rules']) ? spec['rules'] : []).filter(isRecord);
    const hosts = rules.map((r) => (typeof r['host'] === 'string' && r['host'] !== '' ? r['host'] : '*'));
    if (hosts.length === 0 && isRecord(spec['defaultBackend'])) hosts.push('*');
    const external = [...new Set(hosts)].filter((h) => h === '*' || !isInternalHost(h));
    if (external.length === 0) return ctx.notApplicable(hosts.length === 0 ? 'the Ingress serves no host' : 'every host is internal');
    const plain = external.filter((h) => (h === '*' ? tlsHosts.length === 0 : !tlsHosts.some((t) => tlsCovers(t, h))));
    if (plain.length === 0) return ctx.pass(undefined, {}, [{ path: 'spec.tls', actual: tlsHosts, expected: `covers ${external.join(', ')}` }]);
    ctx.fail('plaintext', { name: ctx.target.metadata.name, hosts: plain.map((h) => (h === '*' ? 'every host (rule without host)' : h)).join(', ') }, [
      { path: 'spec.tls', actual: tlsHosts, expected: `hosts ${plain.join(', ')}` },
    ]);
  },
});
