import { describe, expect, it } from 'vitest';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule, { isInternalHost, tlsCovers } from './ingress-tls.js';

const ingress = (spec: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: a}
spec:
  ingressClassName: nginx
${spec}
`;
const rule1 = (host: string) => `  - host: ${host}\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}`;

testRule(rule, {
  valid: [
    { name: 'host in a TLS entry', objects: ingress(`  tls: [{hosts: [shop.example.com], secretName: shop-tls}]\n  rules:\n${rule1('shop.example.com')}`) },
    { name: 'wildcard certificate', objects: ingress(`  tls: [{hosts: ["*.example.com"], secretName: wild}]\n  rules:\n${rule1('shop.example.com')}`) },
    { name: 'internal host', objects: ingress(`  rules:\n${rule1('grafana.corp.internal')}`), status: 'not-applicable' },
    {
      name: 'an internal ingress class by option',
      objects: ingress(`  rules:\n${rule1('shop.example.com')}`),
      config: (c) => {
        c.rules.options['network/ingress-tls'] = { internalIngressClasses: ['nginx'] };
      },
      status: 'not-applicable',
    },
  ],
  invalid: [
    { name: 'no TLS', objects: ingress(`  rules:\n${rule1('shop.example.com')}`), messages: ['plaintext'], paths: ['spec.tls'], messageIncludes: 'serves shop.example.com without TLS' },
    { name: 'TLS for one of two hosts', objects: ingress(`  tls: [{hosts: [shop.example.com]}]\n  rules:\n${rule1('shop.example.com')}\n${rule1('api.example.com')}`), messages: ['plaintext'], messageIncludes: 'api.example.com' },
    { name: 'a wildcard covers one label only', objects: ingress(`  tls: [{hosts: ["*.example.com"]}]\n  rules:\n${rule1('a.b.example.com')}`), messages: ['plaintext'] },
    { name: 'rule without host and no TLS', objects: ingress(`  rules:\n  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}`), messages: ['plaintext'], messageIncludes: 'every host' },
  ],
});

describe('ingress TLS host matching', () => {
  it('matches exact hosts and one-label wildcards', () => {
    expect(tlsCovers('a.example.com', 'a.example.com')).toBe(true);
    expect(tlsCovers('*.example.com', 'a.example.com')).toBe(true);
    expect(tlsCovers('*.example.com', 'example.com')).toBe(false);
    expect(isInternalHost('x.svc.cluster.local')).toBe(true);
    expect(isInternalHost('example.com')).toBe(false);
  });
});
