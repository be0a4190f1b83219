import { describe, expect, it } from 'vitest';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule, { clusterDnsNamespace } from './external-name-service.js';
import { docs, namespaceYaml } from './fixtures.js';

const svc = (name: string): string => `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a1}\nspec: {type: ExternalName, externalName: "${name}"}\n`;
const NS = docs(namespaceYaml('a1', 'acme'), namespaceYaml('a2', 'acme'), namespaceYaml('g1', 'globex'));

testRule(rule, {
  valid: [
    { name: 'outside the cluster', objects: docs(svc('db.example.com'), NS) },
    { name: 'same tenant, other namespace', objects: docs(svc('db.a2.svc.cluster.local'), NS) },
    { name: 'ClusterIP Service', objects: docs('apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a1}\nspec: {type: ClusterIP}\n', NS), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'into globex', objects: docs(svc('api.g1.svc.cluster.local'), NS), messages: ['crossTenant'], paths: ['spec.externalName'], messageIncludes: 'tenant globex' },
    { name: 'short form into kube-system', objects: docs(svc('kube-dns.kube-system.svc'), NS, namespaceYaml('kube-system')), messages: ['crossTenant'], messageIncludes: 'outside the tenant' },
  ],
});

describe('clusterDnsNamespace', () => {
  it('parses service and pod-style names, ignores other domains', () => {
    expect(clusterDnsNamespace('a.b.svc.cluster.local.')).toBe('b');
    expect(clusterDnsNamespace('a.b.svc')).toBe('b');
    expect(clusterDnsNamespace('a.b.svc.other.local')).toBeUndefined();
    expect(clusterDnsNamespace('example.com')).toBeUndefined();
  });
});
