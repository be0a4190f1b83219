import { describe, expect, it } from 'vitest';
import { ResultStore } from '../../findings/store.js';
import type { RuleResult } from '../../model/result.js';
import type { CrossTenantEdge, TenantReport } from '../../scoring/tenants.js';
import { anchorPart, circleLayout, edgeShape, pathsAnchor, rbacPaths, renderTenantGraph, tenantGraph } from './graph.js';

const tenant = (name: string, extra: Partial<TenantReport> = {}): TenantReport => ({
  name,
  namespaces: [name],
  score: 80,
  isolationScore: 80,
  isolation: 'soft',
  coverage: { evaluated: 1, applicable: 1, ratio: 1 },
  dimensions: {} as TenantReport['dimensions'],
  reachableFrom: [],
  accessibleBy: [],
  ...extra,
});

const fail = (rule: string, t: string, severity: RuleResult['severity']): RuleResult => ({
  rule,
  severity,
  status: 'fail',
  object: { apiVersion: 'palisade.dev/v1alpha1', kind: 'Tenant', name: t },
  tenant: t,
  message: 'crosses',
  evidence: [],
});

describe('tenant graph model', () => {
  const tenants = [
    tenant('beta', {
      reachableFrom: [
        { tenant: 'alpha', policies: ['beta/allow'], unrestricted: false, example: { from: 'alpha/a', to: 'beta/b', ports: 'TCP/80' } },
        { tenant: 'unassigned', policies: [], unrestricted: true, example: { from: 'default/x', to: 'beta/b', ports: 'all ports' } },
      ],
      accessibleBy: [
        { subject: 'Group system:authenticated', tenant: '*', namespace: 'beta', verbs: ['get pods'], via: [] },
        { subject: 'ServiceAccount kube-system/x', tenant: 'system', namespace: 'beta', verbs: ['get pods'], via: [] },
      ],
    }),
    tenant('alpha'),
  ];
  const edges: CrossTenantEdge[] = [
    { source: 'alpha', target: 'beta', channel: 'rbac', count: 1 },
    { source: 'alpha', target: 'beta', channel: 'network', count: 1 },
  ];
  const results = ResultStore.of([fail('tenancy/cross-tenant-network', 'beta', 'high'), fail('tenancy/cross-tenant-access', 'beta', 'critical'), fail('tenancy/cross-tenant-access', 'alpha', 'low')]);
  const g = tenantGraph({ tenants, crossTenantAccess: edges, results });

  it('has every tenant by name, then unassigned and system', () => {
    expect(g.nodes.map((n) => [n.name, n.kind])).toEqual([
      ['alpha', 'tenant'],
      ['beta', 'tenant'],
      ['unassigned', 'unassigned'],
      ['system', 'system'],
    ]);
  });

  it('has exactly the crossTenantAccess edges (sorted), with the worst failing severity of the channel rule in the target', () => {
    const cross = g.edges.filter((e) => e.origin === 'crossTenantAccess');
    expect(cross.map(({ source, target, channel, count }) => ({ source, target, channel, count }))).toEqual([edges[1], edges[0]]);
    expect(cross.map((e) => e.severity)).toEqual(['high', 'critical']);
  });

  it('adds the paths from unassigned and system namespaces as outside edges', () => {
    expect(g.edges.filter((e) => e.origin === 'outside').map((e) => `${e.source}>${e.target}:${e.channel}=${e.count}`)).toEqual(['system>beta:rbac=1', 'unassigned>beta:network=1']);
  });

  it('finds the RBAC paths behind an edge: the source tenant and every-tenant groups', () => {
    expect(rbacPaths(tenants[0], 'alpha').map((e) => e.subject)).toEqual(['Group system:authenticated']);
    expect(rbacPaths(tenants[0], 'system').map((e) => e.subject)).toEqual(['ServiceAccount kube-system/x']);
  });

  it('renders one link per edge to its paths anchor and one node per node', () => {
    const svg = renderTenantGraph(g);
    expect(svg.match(/<g class="tg-node"/g)).toHaveLength(4);
    expect(svg.match(/<a href="#paths-/g)).toHaveLength(g.edges.length);
    expect(svg).toContain('href="#paths-alpha-beta-network"');
    expect(svg).toContain('marker-end="url(#tg-arrow-critical)"');
  });

  it('escapes names and makes injective anchors', () => {
    const svg = renderTenantGraph({ nodes: [{ name: '<x>', kind: 'tenant', score: null }], edges: [] });
    expect(svg).toContain('data-node="&lt;x&gt;"');
    expect(anchorPart('a/b')).not.toBe(anchorPart('a_b'));
    expect(anchorPart('a-b')).toBe('a.2db');
    expect(pathsAnchor({ source: 'a', target: 'b', channel: 'rbac' })).toBe('paths-a-b-rbac');
  });
});

describe('layout (pure, deterministic)', () => {
  it('puts nodes evenly on a circle, first at the top, clockwise', () => {
    expect(circleLayout(4, { x: 100, y: 100 }, 50)).toEqual([
      { x: 100, y: 50 },
      { x: 150, y: 100 },
      { x: 100, y: 150 },
      { x: 50, y: 100 },
    ]);
    expect(circleLayout(1, { x: 10, y: 20 }, 50)).toEqual([{ x: 10, y: 20 }]);
    expect(circleLayout(0, { x: 0, y: 0 }, 1)).toEqual([]);
    expect(circleLayout(7, { x: 0, y: 0 }, 10)).toEqual(circleLayout(7, { x: 0, y: 0 }, 10));
  });

  it('bends a → b and b → a to opposite sides and stops at the node rims', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 100, y: 0 };
    const ab = edgeShape(a, b, 20, 10);
    const ba = edgeShape(b, a, 20, 10);
    // left of travel: a → b (east) bends north (y < 0); b → a bends south
    expect(ab.label.y).toBeLessThan(0);
    expect(ba.label.y).toBeGreaterThan(0);
    expect(ab.label.x).toBeCloseTo(50, 0);
    const start = /^M([\d.-]+),([\d.-]+)/.exec(ab.d)!;
    expect(Math.hypot(Number(start[1]), Number(start[2]))).toBeCloseTo(10, 0);
  });
});
