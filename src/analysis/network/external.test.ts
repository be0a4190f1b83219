import { describe, expect, it } from 'vitest';
import { Snapshot } from '../../inventory/snapshot.js';
import type { K8sObject } from '../../model/k8s.js';
import { buildNetworkModel, type PodGroup } from '../network.js';
import { contains, egressToAddress, parseAddress } from './external.js';
import { allows, formatPorts } from './ports.js';
import type { Cidr } from './cidr.js';

const pod: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'a', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
};

const np = (name: string, spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'a' },
  spec,
});

function groupWith(...policies: K8sObject[]): PodGroup {
  const m = buildNetworkModel(new Snapshot({ objects: [pod, ...policies], source: 'test', mode: 'offline' }));
  const g = m.groups[0];
  if (!g) throw new Error('no group');
  return g;
}

function addr(text: string): Cidr {
  const a = parseAddress(text);
  if (!a) throw new Error(text);
  return a;
}

const V4 = addr('169.254.169.254');
const V6 = addr('fd00:ec2::254');
const ALI = addr('100.100.100.200');

/** Can the group open TCP/80 (the metadata service port) to the address? */
const reaches = (g: PodGroup, a: Cidr): boolean => allows(egressToAddress(g, a).allowed, 80, 'TCP');

const egressTo = (to: unknown[], ports?: unknown[]): Record<string, unknown> => ({
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [{ to, ...(ports ? { ports } : {}) }],
});

describe('parseAddress / contains', () => {
  it('parses single IPv4 and IPv6 addresses as one-address blocks', () => {
    expect(V4.start).toBe(V4.end);
    expect(V6.family).toBe(6);
    expect(V6.start).toBe(V6.end);
    expect(parseAddress('10.0.0.0/8')?.text).toBe('10.0.0.0/8');
    expect(parseAddress('not-an-ip')).toBeUndefined();
  });
  it('contains needs the same family and the whole inner block', () => {
    expect(contains(addr('169.254.0.0/16'), V4)).toBe(true);
    expect(contains(addr('::/0'), V4)).toBe(false);
    expect(contains(V4, addr('169.254.0.0/16'))).toBe(false);
  });
});

describe('egressToAddress', () => {
  it('no egress policy: every address is allowed, not isolated', () => {
    const d = egressToAddress(groupWith(), V4);
    expect(d).toEqual({ isolated: false, allowed: 'all', policies: [] });
    expect(reaches(groupWith(), V6)).toBe(true);
  });

  it('an ingress-only policy does not isolate egress', () => {
    expect(reaches(groupWith(np('in', { podSelector: {} })), V4)).toBe(true);
  });

  it('default deny egress blocks every metadata address', () => {
    const g = groupWith(np('deny', { podSelector: {}, policyTypes: ['Egress'] }));
    for (const a of [V4, V6, ALI]) expect(egressToAddress(g, a)).toEqual({ isolated: true, allowed: [], policies: [] });
  });

  it('0.0.0.0/0 reaches IPv4 metadata but not the IPv6 one', () => {
    const g = groupWith(np('out', egressTo([{ ipBlock: { cidr: '0.0.0.0/0' } }])));
    expect(reaches(g, V4)).toBe(true);
    expect(reaches(g, ALI)).toBe(true);
    expect(reaches(g, V6)).toBe(false);
    expect(egressToAddress(g, V4).policies).toEqual(['a/out']);
  });

  it('0.0.0.0/0 except 169.254.169.254/32 blocks it; 100.100.100.200 stays reachable', () => {
    const g = groupWith(np('out', egressTo([{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }])));
    expect(reaches(g, V4)).toBe(false);
    expect(reaches(g, ALI)).toBe(true);
  });

  it('an except of the whole link-local range blocks it too', () => {
    const g = groupWith(np('out', egressTo([{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.0.0/16', '100.64.0.0/10'] } }])));
    expect(reaches(g, V4)).toBe(false);
    expect(reaches(g, ALI)).toBe(false);
  });

  it('::/0 reaches fd00:ec2::254 unless excepted (fd00::/8 or the /128)', () => {
    expect(reaches(groupWith(np('out', egressTo([{ ipBlock: { cidr: '::/0' } }]))), V6)).toBe(true);
    expect(reaches(groupWith(np('out', egressTo([{ ipBlock: { cidr: '::/0', except: ['fd00::/8'] } }]))), V6)).toBe(false);
    expect(reaches(groupWith(np('out', egressTo([{ ipBlock: { cidr: '::/0', except: ['fd00:ec2::254/128'] } }]))), V6)).toBe(false);
    expect(reaches(groupWith(np('out', egressTo([{ ipBlock: { cidr: '::/0', except: ['fd00:ec2::253/128'] } }]))), V6)).toBe(true);
  });

  it('an except in one rule does not block what another rule (or policy) allows: rules are a union', () => {
    const g = groupWith(
      np('out', egressTo([{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }])),
      np('metadata', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] }] }),
    );
    expect(reaches(g, V4)).toBe(true);
    expect(egressToAddress(g, V4).policies).toEqual(['a/metadata']);
  });

  it('an egress rule without `to` allows every address; pod/namespace selectors never match it', () => {
    expect(reaches(groupWith(np('out', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })), V6)).toBe(true);
    const selectors = groupWith(np('out', egressTo([{ podSelector: {} }, { namespaceSelector: {} }])));
    expect(reaches(selectors, V4)).toBe(false);
  });

  it('ports: only port 443 open leaves port 80 blocked; a named port never opens an address', () => {
    const https = groupWith(np('out', egressTo([{ ipBlock: { cidr: '0.0.0.0/0' } }], [{ port: 443 }])));
    expect(reaches(https, V4)).toBe(false);
    expect(formatPorts(egressToAddress(https, V4).allowed)).toBe('TCP/443');
    const range = groupWith(np('out', egressTo([{ ipBlock: { cidr: '0.0.0.0/0' } }], [{ port: 1, endPort: 1024 }])));
    expect(reaches(range, V4)).toBe(true);
    const named = groupWith(np('out', egressTo([{ ipBlock: { cidr: '0.0.0.0/0' } }], [{ port: 'http' }])));
    expect(egressToAddress(named, V4)).toEqual({ isolated: true, allowed: [], policies: [] });
    const udp = groupWith(np('out', egressTo([], [{ port: 80, protocol: 'UDP' }])));
    expect(reaches(udp, V4)).toBe(false);
  });

  it('a malformed cidr matches nothing (the API server would have rejected it)', () => {
    expect(reaches(groupWith(np('out', egressTo([{ ipBlock: { cidr: '169.254.169.254' } }]))), V4)).toBe(false);
  });
});
