import { describe, expect, it } from 'vitest';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule, { pathsOverlap } from './ingress-host-collision.js';
import { docs, namespaceYaml } from './fixtures.js';

const ing = (ns: string, name: string, host: string, path = '/'): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: ${ns}}
spec:
  rules:
  - host: ${host}
    http: {paths: [{path: "${path}", pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}
`;
const NS = docs(namespaceYaml('a1', 'acme'), namespaceYaml('a2', 'acme'), namespaceYaml('g1', 'globex'));

testRule(rule, {
  valid: [
    { name: 'distinct hosts', objects: docs(ing('a1', 'shop', 'shop.acme.example'), NS, ing('g1', 'www', 'www.globex.example')) },
    { name: 'same host within one tenant', objects: docs(ing('a1', 'shop', 'shop.acme.example'), NS, ing('a2', 'api', 'shop.acme.example', '/api')) },
    { name: 'same host, disjoint paths', objects: docs(ing('a1', 'shop', 'shared.example', '/acme'), NS, ing('g1', 'www', 'shared.example', '/globex')) },
  ],
  invalid: [
    {
      name: 'globex claims a path under acme’s host',
      objects: docs(ing('a1', 'shop', 'shop.acme.example'), NS, ing('g1', 'steal', 'shop.acme.example', '/login')),
      messages: ['collision'],
      paths: ['spec.rules[0].host'],
      messageIncludes: 'Ingress/g1/steal of tenant globex',
    },
  ],
});

describe('pathsOverlap', () => {
  it('uses segment boundaries', () => {
    expect(pathsOverlap('/', '/x')).toBe(true);
    expect(pathsOverlap('/api', '/api/v1')).toBe(true);
    expect(pathsOverlap('/api', '/apix')).toBe(false);
  });
});
