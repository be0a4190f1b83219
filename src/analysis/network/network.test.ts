import { describe, expect, it } from 'vitest';
import { Snapshot } from '../../inventory/snapshot.js';
import type { K8sObject } from '../../model/k8s.js';
import { buildNetworkModel, type NetworkModel, type PodGroup } from '../network.js';
import { allows, type Protocol } from './ports.js';

// ---------------------------------------------------------------- fixtures

const ns = (name: string, labels: Record<string, string> = {}): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

interface PortDecl {
  name: string;
  containerPort: number;
  protocol?: string;
}

const pod = (namespace: string, name: string, labels: Record<string, string>, ports: PortDecl[] = [], extra: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports }], ...extra },
});

const np = (namespace: string, name: string, spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

const DENY_ALL_INGRESS = { podSelector: {}, policyTypes: ['Ingress'] };
const DENY_ALL_EGRESS = { podSelector: {}, policyTypes: ['Egress'] };

/** Two namespaces with a client and a server each; most cases add policies to this. */
const base = (): K8sObject[] => [
  ns('a', { team: 'a' }),
  ns('b', { team: 'b' }),
  pod('a', 'client', { app: 'client' }),
  pod('a', 'server', { app: 'server' }, [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }]),
  pod('b', 'client', { app: 'client' }),
  pod('b', 'other', { app: 'other' }),
  pod('b', 'server', { app: 'server' }, [{ name: 'http', containerPort: 8080 }]),
];

function model(objects: K8sObject[], podCIDRs?: string[]): NetworkModel {
  const snapshot = new Snapshot({ objects, source: 'test', mode: 'offline' });
  return buildNetworkModel(snapshot, podCIDRs ? { podCIDRs } : {});
}

function group(m: NetworkModel, ref: string): PodGroup {
  const [namespace, name] = ref.split('/');
  const g = m.groups.find((x) => x.namespace === namespace && x.members.some((o) => o.name === name));
  if (!g) throw new Error(`no pod group for ${ref}`);
  return g;
}

interface Case {
  name: string;
  objects: K8sObject[];
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
  allowed: boolean;
  /** Policies expected to allow the ingress side / egress side. */
  ingressPolicies?: string[];
  egressPolicies?: string[];
  podCIDRs?: string[];
}

const cases: Case[] = [
  { name: 'no policies: everything is allowed', objects: base(), from: 'b/client', to: 'a/server', port: 80, allowed: true },
  {
    name: 'default-deny ingress isolates every pod of the namespace',
    objects: [...base(), np('a', 'deny', DENY_ALL_INGRESS)],
    from: 'b/client', to: 'a/server', port: 80, allowed: false,
  },
  {
    name: 'default-deny ingress also blocks same-namespace traffic',
    objects: [...base(), np('a', 'deny', DENY_ALL_INGRESS)],
    from: 'a/client', to: 'a/server', port: 80, allowed: false,
  },
  {
    name: 'a default-deny in another namespace does not isolate the destination',
    objects: [...base(), np('b', 'deny', DENY_ALL_INGRESS)],
    from: 'b/client', to: 'a/server', port: 80, allowed: true,
  },
  {
    name: 'a policy selecting other pods does not isolate the destination',
    objects: [...base(), np('a', 'only-client', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Ingress'] })],
    from: 'b/client', to: 'a/server', port: 80, allowed: true,
  },
  {
    name: 'kube-score #293/#420: podSelector {} selects every pod (same-namespace allow works)',
    objects: [...base(), np('a', 'same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })],
    from: 'a/client', to: 'a/server', port: 8080, allowed: true, ingressPolicies: ['a/same-ns'],
  },
  {
    name: 'kube-score #293/#420: podSelector {} policy isolates pods it does not name',
    objects: [...base(), np('a', 'same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'ingress: [] with policyTypes Ingress denies all ingress',
    objects: [...base(), np('a', 'p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] })],
    from: 'a/client', to: 'a/server', allowed: false,
  },
  {
    name: 'ingress: [{}] (one empty rule) allows everything',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{}] })],
    from: 'b/client', to: 'a/server', port: 1234, allowed: true, ingressPolicies: ['a/p'],
  },
  {
    name: 'from: [] allows every source',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [], ports: [{ port: 8080 }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true, ingressPolicies: ['a/p'],
  },
  {
    name: 'no policyTypes and no ingress field: Ingress is defaulted, all ingress denied',
    objects: [...base(), np('a', 'p', { podSelector: {} })],
    from: 'a/client', to: 'a/server', allowed: false,
  },
  {
    name: 'no policyTypes with egress rules: Egress is defaulted and isolates the source',
    objects: [...base(), np('a', 'p', { podSelector: { matchLabels: { app: 'client' } }, egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] })],
    from: 'a/client', to: 'b/server', port: 8080, allowed: false,
  },
  {
    name: 'no policyTypes with egress rules: allowed egress destination passes',
    objects: [...base(), np('a', 'p', { podSelector: { matchLabels: { app: 'client' } }, egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] })],
    from: 'a/client', to: 'a/server', port: 8080, allowed: true, egressPolicies: ['a/p'],
  },
  {
    name: 'no policyTypes with egress rules: Ingress is isolated too (no ingress rules = deny)',
    objects: [...base(), np('a', 'p', { podSelector: { matchLabels: { app: 'client' } }, egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] })],
    from: 'a/server', to: 'a/client', port: 8080, allowed: false,
  },
  {
    name: 'egress: [] without policyTypes is not an Egress policy (source stays open)',
    objects: [...base(), np('a', 'p', { podSelector: { matchLabels: { app: 'client' } }, egress: [], ingress: [{}] })],
    from: 'a/client', to: 'b/server', port: 8080, allowed: true,
  },
  {
    name: 'policyTypes [Egress] with no rules denies all egress',
    objects: [...base(), np('a', 'deny-egress', DENY_ALL_EGRESS)],
    from: 'a/client', to: 'b/server', port: 8080, allowed: false,
  },
  {
    name: 'policyTypes [Egress] does not isolate ingress',
    objects: [...base(), np('a', 'deny-egress', DENY_ALL_EGRESS)],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'egress allowed at the source but ingress denied at the destination',
    objects: [...base(), np('a', 'egress-all', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }), np('b', 'deny', DENY_ALL_INGRESS)],
    from: 'a/client', to: 'b/server', port: 8080, allowed: false,
  },
  {
    name: 'ingress allowed at the destination but egress denied at the source',
    objects: [...base(), np('b', 'allow', { podSelector: {}, ingress: [{}] }), np('a', 'deny-egress', DENY_ALL_EGRESS)],
    from: 'a/client', to: 'b/server', port: 8080, allowed: false,
  },
  {
    name: 'both sides allow: connection lists both policies',
    objects: [
      ...base(),
      np('a', 'to-b', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] }] }),
      np('b', 'from-a', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] }),
    ],
    from: 'a/client', to: 'b/server', port: 8080, allowed: true, ingressPolicies: ['b/from-a'], egressPolicies: ['a/to-b'],
  },
  {
    name: 'podSelector-only peer means the policy namespace: same labels elsewhere are denied',
    objects: [...base(), np('a', 'p', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'podSelector-only peer allows the matching pod of the same namespace',
    objects: [...base(), np('a', 'p', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })],
    from: 'a/client', to: 'a/server', port: 8080, allowed: true, ingressPolicies: ['a/p'],
  },
  {
    name: 'namespaceSelector-only peer allows every pod of the selected namespaces',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] }] })],
    from: 'b/other', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'namespaceSelector {} allows every namespace',
    objects: [...base(), ns('c'), pod('c', 'x', { app: 'x' }), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })],
    from: 'c/x', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'podSelector {} peer allows every pod of the policy namespace only',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })],
    from: 'b/other', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'namespaceSelector AND podSelector in one peer: matching pod in matching namespace',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'client' } } }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'namespaceSelector AND podSelector in one peer: other pod of the namespace is denied',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'client' } } }] }] })],
    from: 'b/other', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'namespaceSelector AND podSelector: the matching pod label in a non-selected namespace is denied',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'client' } } }] }] })],
    from: 'a/client', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'two separate peers are OR: any pod of the selected namespace',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }, { podSelector: { matchLabels: { app: 'client' } } }] }] })],
    from: 'b/other', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'automatic kubernetes.io/metadata.name label selects a namespace by name',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'matchExpressions NotIn excludes the namespace',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['b'] }] } }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'numbered port: the listed port is allowed',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })],
    from: 'b/client', to: 'a/server', port: 80, allowed: true,
  },
  {
    name: 'numbered port: another port is denied',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })],
    from: 'b/client', to: 'a/server', port: 81, allowed: false,
  },
  {
    name: 'endPort range: inside the range',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 9000 }] }] })],
    from: 'b/client', to: 'a/server', port: 8500, allowed: true,
  },
  {
    name: 'endPort range: above the range',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 9000 }] }] })],
    from: 'b/client', to: 'a/server', port: 9001, allowed: false,
  },
  {
    name: 'UDP port: UDP allowed',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })],
    from: 'b/client', to: 'a/server', port: 53, protocol: 'UDP', allowed: true,
  },
  {
    name: 'UDP port: TCP on the same number denied',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })],
    from: 'b/client', to: 'a/server', port: 53, protocol: 'TCP', allowed: false,
  },
  {
    name: 'protocol omitted means TCP: UDP denied',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 53 }] }] })],
    from: 'b/client', to: 'a/server', port: 53, protocol: 'UDP', allowed: false,
  },
  {
    name: 'SCTP port allowed for SCTP',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 9999, protocol: 'SCTP' }] }] })],
    from: 'b/client', to: 'a/server', port: 9999, protocol: 'SCTP', allowed: true,
  },
  {
    name: 'protocol without port allows every port of that protocol',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ protocol: 'UDP' }] }] })],
    from: 'b/client', to: 'a/server', port: 5353, protocol: 'UDP', allowed: true,
  },
  {
    name: 'named port resolves against the destination container port',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'named port: other ports of the destination denied',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })],
    from: 'b/client', to: 'a/server', port: 80, allowed: false,
  },
  {
    name: 'named port the destination does not declare allows nothing',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'metrics' }] }] })],
    from: 'b/client', to: 'a/server', port: 9090, allowed: false,
  },
  {
    name: 'named port with a protocol that differs from the container port',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'dns', protocol: 'TCP' }] }] })],
    from: 'b/client', to: 'a/server', port: 53, protocol: 'TCP', allowed: false,
  },
  {
    name: 'named port with matching UDP protocol',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'dns', protocol: 'UDP' }] }] })],
    from: 'b/client', to: 'a/server', port: 53, protocol: 'UDP', allowed: true,
  },
  {
    name: 'named port in an egress rule resolves against the destination pod',
    objects: [...base(), np('b', 'e', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true, egressPolicies: ['b/e'],
  },
  {
    name: 'egress named port: the destination lacks it',
    objects: [...base(), np('b', 'e', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })],
    from: 'b/client', to: 'a/client', port: 8080, allowed: false,
  },
  {
    name: 'several policies are a union: second policy allows the port',
    objects: [
      ...base(),
      np('a', 'p80', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80 }] }] }),
      np('a', 'p443', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }], ports: [{ port: 443 }] }] }),
    ],
    from: 'b/client', to: 'a/server', port: 443, allowed: true, ingressPolicies: ['a/p443'],
  },
  {
    name: 'several policies are a union: a port no policy allows for this source',
    objects: [
      ...base(),
      np('a', 'p80', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 80 }] }] }),
      np('a', 'p443', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }], ports: [{ port: 443 }] }] }),
    ],
    from: 'b/client', to: 'a/server', port: 80, allowed: false,
  },
  {
    name: 'ipBlock without a pod CIDR does not match pods',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'ipBlock overlapping the configured pod CIDR matches pods',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })],
    podCIDRs: ['10.244.0.0/16'],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true,
  },
  {
    name: 'ipBlock whose except removes the pod CIDR does not match pods',
    objects: [...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.244.0.0/16'] } }] }] })],
    podCIDRs: ['10.244.0.0/16'],
    from: 'b/client', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'egress ipBlock 0.0.0.0/0 without pod CIDR: in-cluster destinations denied',
    objects: [...base(), np('b', 'e', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: false,
  },
  {
    name: 'Deployment template labels stand in when its pods are not in the snapshot',
    objects: [
      ...base(),
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'w', image: 'nginx:1.27' }] } } } },
      np('a', 'p', { podSelector: { matchLabels: { app: 'web' } }, ingress: [] }),
    ],
    from: 'b/client', to: 'a/web', port: 80, allowed: false,
  },
  {
    name: 'a policy that matches no pod does not isolate (Popeye 1204/1205 style false positive)',
    objects: [...base(), np('a', 'p', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['nothing'] }] }, ingress: [] })],
    from: 'b/client', to: 'a/server', port: 8080, allowed: true,
  },
];

describe('NetworkPolicy reachability table', () => {
  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));
  for (const c of cases) {
    it(c.name, () => {
      const m = model(c.objects, c.podCIDRs);
      const conn = m.connection(group(m, c.from), group(m, c.to));
      const ok = c.port === undefined ? conn.allowed : conn.allowed && allows(conn.ports, c.port, c.protocol ?? 'TCP');
      expect(ok, JSON.stringify(conn)).toBe(c.allowed);
      if (c.ingressPolicies) expect(conn.ingress.policies).toEqual(c.ingressPolicies);
      if (c.egressPolicies) expect(conn.egress.policies).toEqual(c.egressPolicies);
    });
  }
});

describe('pod groups', () => {
  it('collapses replicas with identical labels into one group and keeps controllers with pods out', () => {
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs1', controller: true };
    const objs: K8sObject[] = [
      ns('a'),
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'a', uid: 'rs1' }, spec: { template: { metadata: { labels: { app: 'web', v: 'template' } }, spec: { containers: [] } } } },
      ...[1, 2, 3].map((i) => ({ ...pod('a', `web-${i}`, { app: 'web' }), metadata: { name: `web-${i}`, namespace: 'a', labels: { app: 'web' }, ownerReferences: [owner] } })),
    ];
    const m = model(objs);
    expect(m.groups).toHaveLength(1);
    expect(m.groups[0]!.members.map((x) => x.name)).toEqual(['web-1', 'web-2', 'web-3']);
  });
  it('leaves out hostNetwork and finished pods (NetworkPolicy does not apply to them)', () => {
    const m = model([ns('a'), pod('a', 'host', { x: '1' }, [], { hostNetwork: true }), { ...pod('a', 'done', { x: '2' }), status: { phase: 'Succeeded' } }, pod('a', 'live', { x: '3' })]);
    expect(m.groups.map((g) => g.id)).toEqual(['a/live']);
  });
});

describe('traffic from outside the cluster', () => {
  it('reaches pods that are not isolated', () => {
    const m = model(base());
    expect(m.fromOutside(group(m, 'a/server')).allowed).toBe('all');
  });
  it('is denied by a podSelector-only rule', () => {
    const m = model([...base(), np('a', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })]);
    expect(m.fromOutside(group(m, 'a/server')).allowed).toEqual([]);
  });
  it('is allowed by an ipBlock outside the pod CIDR, with the policy named', () => {
    const m = model([...base(), np('a', 'lb', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }] })], ['10.244.0.0/16']);
    const d = m.fromOutside(group(m, 'a/server'));
    expect(d.policies).toEqual(['a/lb']);
    expect(allows(d.allowed, 443, 'TCP')).toBe(true);
  });
});

describe('tenant × tenant matrix', () => {
  const tenantOf = (n: string): string => ({ a1: 'acme', a2: 'acme', g1: 'globex', i1: 'initech' })[n] ?? n;
  const objs = (): K8sObject[] => [
    ns('a1'), ns('a2'), ns('g1'), ns('i1', { exposed: 'yes' }),
    pod('a1', 'api', { app: 'api' }), pod('a2', 'db', { app: 'db' }),
    pod('g1', 'web', { app: 'web' }), pod('i1', 'app', { app: 'app' }),
    // acme: default deny, allow only from acme namespaces
    np('a1', 'deny', DENY_ALL_INGRESS), np('a2', 'deny', DENY_ALL_INGRESS),
    np('a2', 'from-acme', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a1', 'a2'] }] } }] }] }),
    // initech: allows everyone via namespaceSelector {}
    np('i1', 'all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
  ];
  const build = (extra: K8sObject[] = []) =>
    buildNetworkModel(new Snapshot({ objects: [...objs(), ...extra], source: 't', mode: 'offline' }), { tenantOf });

  it('acme is reachable only from acme', () => {
    const row = build().tenantMatrix().get('acme')!;
    expect([...row.keys()].sort()).toEqual(['acme']);
    expect(row.get('acme')!.ingressPolicies).toEqual(['a2/from-acme']);
  });
  it('globex has no policy: reachable from every tenant, marked unrestricted', () => {
    const row = build().tenantMatrix().get('globex')!;
    expect([...row.keys()].sort()).toEqual(['acme', 'globex', 'initech']);
    expect(row.get('acme')!.unrestricted).toBe(true);
  });
  it('initech is reachable from every tenant through its namespaceSelector {} policy', () => {
    const row = build().tenantMatrix().get('initech')!;
    expect(row.get('globex')!.ingressPolicies).toEqual(['i1/all-ns']);
    expect(row.get('globex')!.unrestricted).toBe(false);
  });
  it('an egress default-deny at the source removes the source tenant from every row but its own', () => {
    const m = build([np('g1', 'deny-egress', DENY_ALL_EGRESS)]).tenantMatrix();
    expect(m.get('initech')!.has('globex')).toBe(false);
    expect(m.get('globex')!.has('globex')).toBe(false);
  });
  it('egress policies that let the traffic out are named', () => {
    const m = build([np('g1', 'egress-initech', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { exposed: 'yes' } } }] }] })]).tenantMatrix();
    expect(m.get('initech')!.get('globex')!.egressPolicies).toEqual(['g1/egress-initech']);
    expect(m.get('acme')!.has('globex')).toBe(false);
  });
});
