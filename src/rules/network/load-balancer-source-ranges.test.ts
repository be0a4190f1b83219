import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import { formatMessage } from '../../engine/rule.js';
import rule, { coversEverything } from './load-balancer-source-ranges.js';

const svc = (spec: string, annotations = '{}'): string =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: grafana, namespace: monitoring, annotations: ${annotations}}\nspec: ${spec}\n`;
const LB = '{type: LoadBalancer, ports: [{port: 80}]}';

testRule(rule, {
  valid: [
    { name: 'restricted to two /24 ranges', objects: svc('{type: LoadBalancer, loadBalancerSourceRanges: [203.0.113.0/24, 198.51.100.0/24]}') },
    { name: 'restricted by the annotation', objects: svc(LB, '{service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8, 192.168.0.0/16"}') },
    { name: 'ClusterIP', objects: svc('{type: ClusterIP}'), status: 'not-applicable' },
    { name: 'type omitted (ClusterIP)', objects: svc('{ports: [{port: 80}]}'), status: 'not-applicable' },
    { name: 'NodePort is another rule’s business', objects: svc('{type: NodePort}'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'no source ranges',
      objects: svc(LB),
      messages: ['open'],
      paths: ['spec.loadBalancerSourceRanges'],
      messageIncludes: 'LoadBalancer Service monitoring/grafana sets no source ranges',
    },
    {
      name: '0.0.0.0/0 among the ranges is as open as none',
      objects: svc('{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]}'),
      messages: ['allAddresses'],
      paths: ['spec.loadBalancerSourceRanges'],
      messageIncludes: 'through source range 0.0.0.0/0',
    },
    { name: '::/0 (every IPv6 address)', objects: svc('{type: LoadBalancer, loadBalancerSourceRanges: ["::/0"]}'), messages: ['allAddresses'], messageIncludes: '::/0' },
    {
      name: '0.0.0.0/0 in the annotation',
      objects: svc(LB, '{service.beta.kubernetes.io/load-balancer-source-ranges: "0.0.0.0/0"}'),
      messages: ['allAddresses'],
      paths: ['metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]'],
    },
    {
      name: 'the spec field wins over the annotation (as the cloud providers read them)',
      objects: svc('{type: LoadBalancer, loadBalancerSourceRanges: [0.0.0.0/0]}', '{service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8"}'),
      messages: ['allAddresses'],
      paths: ['spec.loadBalancerSourceRanges'],
    },
    { name: 'an empty annotation restricts nothing', objects: svc(LB, '{service.beta.kubernetes.io/load-balancer-source-ranges: ""}'), messages: ['open'] },
    { name: 'aws-load-balancer-internal: "false" is external', objects: svc(LB, '{service.beta.kubernetes.io/aws-load-balancer-internal: "false"}'), messages: ['open'] },
    {
      name: 'an explicit internet-facing scheme overrides a loadBalancerClass',
      objects: svc('{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}', '{service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing}'),
      messages: ['open'],
    },
  ],
});

describe('network/load-balancer-source-ranges: internal load balancers pass, saying why', () => {
  const cases: { name: string; objects: string; messages: string[]; data: { service: string; reason: string }; path: string }[] = [
    {
      name: 'AWS internal annotation',
      objects: svc(LB, '{service.beta.kubernetes.io/aws-load-balancer-internal: "true"}'),
      messages: ['internal'],
      data: { service: 'monitoring/grafana', reason: 'annotation service.beta.kubernetes.io/aws-load-balancer-internal: "true" asks for an internal load balancer' },
      path: 'metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-internal"]',
    },
    {
      name: 'GKE internal load balancer',
      objects: svc(LB, '{networking.gke.io/load-balancer-type: Internal}'),
      messages: ['internal'],
      data: { service: 'monitoring/grafana', reason: 'annotation networking.gke.io/load-balancer-type: "Internal" asks for an internal load balancer' },
      path: 'metadata.annotations["networking.gke.io/load-balancer-type"]',
    },
    {
      name: 'Azure internal load balancer',
      objects: svc(LB, '{service.beta.kubernetes.io/azure-load-balancer-internal: "true"}'),
      messages: ['internal'],
      data: { service: 'monitoring/grafana', reason: 'annotation service.beta.kubernetes.io/azure-load-balancer-internal: "true" asks for an internal load balancer' },
      path: 'metadata.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"]',
    },
    {
      name: 'a loadBalancerClass',
      objects: svc('{type: LoadBalancer, loadBalancerClass: example.com/internal-lb}'),
      messages: ['internal'],
      data: { service: 'monitoring/grafana', reason: 'spec.loadBalancerClass example.com/internal-lb hands it to another load-balancer implementation, not the cloud provider’s default external one' },
      path: 'spec.loadBalancerClass',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = runCase(rule, c);
      expect(out.status).toBe('pass');
      expect(out.message).toBe(formatMessage(rule.meta.messages[c.messages[0] as 'internal'], c.data));
      expect(out.evidence.map((e) => e.path)).toEqual([c.path]);
    });
  }

  it('a /0 prefix on any address covers everything; narrower prefixes do not', () => {
    expect(['0.0.0.0/0', '::/0', '10.0.0.0/0', ' 0.0.0.0/0 '].every(coversEverything)).toBe(true);
    expect(['0.0.0.0/1', '10.0.0.0/8', '::/1', '0.0.0.0'].some(coversEverything)).toBe(false);
  });
});
