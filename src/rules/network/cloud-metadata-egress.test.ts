import { expect, it } from 'vitest';
import { networkPolicy, workload } from '../../../test/helpers/fixtures.js';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import { dimensionOf } from '../../scoring/tenants.js';
import rule from './cloud-metadata-egress.js';

const web = workload('Deployment', 'containers: [{name: app, image: x:1}]', { namespace: 'a1', templateMetadata: '{labels: {app: web}}' });
const egress = (to: string, ports = ''): string => networkPolicy('out', `{podSelector: {}, policyTypes: [Ingress, Egress], egress: [{to: ${to}${ports ? `, ports: ${ports}` : ''}}]}`);
const BLOCKED = '[{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 100.100.100.200/32]}}, {ipBlock: {cidr: "::/0", except: ["fd00:ec2::254/128"]}}]';

testRule(rule, {
  valid: [
    { name: 'default deny egress (Ingress and Egress)', objects: web + networkPolicy('deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}') },
    { name: 'internet egress that excepts every metadata address (IPv4 and IPv6)', objects: web + egress(BLOCKED) },
    { name: 'egress only to pods and DNS in the cluster', objects: web + egress('[{namespaceSelector: {}}]', '[{port: 53, protocol: UDP}]') },
    { name: 'egress to any address but only on TCP/443 (metadata serves TCP/80)', objects: web + egress('[{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: "::/0"}}]', '[{port: 443}]') },
    { name: 'configured addresses replace the defaults', objects: web + egress('[{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]'), config: (c) => void (c.rules.options['network/cloud-metadata-egress'] = { addresses: ['169.254.169.254'] }) },
    { name: 'system namespaces (cloud agents use the endpoint by design)', objects: workload('DaemonSet', 'hostNetwork: true\ncontainers: [{name: app, image: x:1}]', { namespace: 'kube-system' }), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no NetworkPolicy at all', objects: web, messages: ['reachable'], paths: ['spec.template.metadata.labels'], messageIncludes: '169.254.169.254, fd00:ec2::254, 100.100.100.200 (no Egress NetworkPolicy selects them)' },
    { name: 'an ingress-only policy leaves egress open', objects: web + networkPolicy('in', '{podSelector: {}}'), messages: ['reachable'] },
    { name: '0.0.0.0/0 without except', objects: web + egress('[{ipBlock: {cidr: 0.0.0.0/0}}]'), messages: ['reachable'], messageIncludes: '169.254.169.254, 100.100.100.200 (allowed by a1/out)' },
    { name: 'IPv4 blocked but ::/0 open: the IPv6 IMDS endpoint stays reachable', objects: web + egress('[{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 100.100.100.200/32]}}, {ipBlock: {cidr: "::/0"}}]'), messages: ['reachable'], messageIncludes: 'endpoint fd00:ec2::254 (allowed by a1/out)' },
    { name: 'an egress rule without `to` (every address) on port 80', objects: web + egress('[]', '[{port: 80}]'), messages: ['reachable'] },
    {
      name: 'a second policy re-allows what the first excepts',
      objects: web + egress(BLOCKED) + networkPolicy('imds', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 169.254.0.0/16}}]}]}'),
      messages: ['reachable'],
      messageIncludes: 'endpoint 169.254.169.254 (allowed by a1/imds)',
    },
    { name: 'hostNetwork pods outside system namespaces', objects: workload('DaemonSet', 'hostNetwork: true\ncontainers: [{name: app, image: x:1}]', { namespace: 'a1' }), messages: ['hostNetwork'], paths: ['spec.template.spec.hostNetwork'] },
  ],
});

it('counts towards the tenant network dimension', () => {
  expect(dimensionOf(rule.meta.id)).toBe('network');
});

it('passes with the evidence of the policies that isolate the pods', () => {
  const out = runCase(rule, { name: 'evidence', objects: web + egress(BLOCKED) });
  expect(out.evidence[0]?.actual).toEqual({ egressPolicies: ['a1/out'] });
});
