/**
 * Tenant isolation as a picture: the tenants (plus the `unassigned` and `system` groups of
 * namespaces) as nodes on a circle, the cross-tenant paths as arrows. The model and the layout
 * are pure functions of the ScanResult (same result, same picture); the SVG is inline, so it
 * prints and needs no script. Each arrow links to the section that lists its paths.
 */
import { SEVERITIES, severityRank, type Severity } from '../../model/result.js';
import { SYSTEM_TENANT, UNASSIGNED_TENANT } from '../../analysis/tenants.js';
import type { ResultStore } from '../../findings/store.js';
import type { AccessEntryReport, CrossTenantEdge, ReachEntry, TenantReport } from '../../scoring/tenants.js';
import { EVERYONE } from '../../analysis/access.js';
import type { ScanResult } from '../model.js';
import { esc } from './escape.js';

/** Where an edge comes from: `crossTenantAccess` (tenant → tenant) or a tenant's own lists (unassigned / system → tenant). */
export type EdgeOrigin = 'crossTenantAccess' | 'outside';

export interface GraphNode {
  name: string;
  kind: 'tenant' | 'unassigned' | 'system';
  /** Isolation score (tenants[].score); null when not scored or not a tenant. */
  score: number | null;
}

export interface GraphEdge {
  source: string;
  target: string;
  channel: 'network' | 'rbac';
  /** Policies (network) or subjects (rbac) that make the edge, as in crossTenantAccess. */
  count: number;
  origin: EdgeOrigin;
  /** Worst severity of the failing cross-tenant results behind the edge; undefined when none fails (waived, or no such rule ran). */
  severity: Severity | undefined;
}

export interface TenantGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The rule whose failing results in the target tenant an edge's channel stands for. */
export const CHANNEL_RULE: Record<GraphEdge['channel'], string> = {
  network: 'tenancy/cross-tenant-network',
  rbac: 'tenancy/cross-tenant-access',
};

/** The paths behind a network edge: the target's reachableFrom entries of the source. */
export function networkPaths(target: TenantReport | undefined, source: string): ReachEntry[] {
  return (target?.reachableFrom ?? []).filter((e) => e.tenant === source);
}

/**
 * The paths behind an RBAC edge: the target's outside subjects of the source tenant, and the
 * groups holding every tenant's identities (as src/scoring/tenants.ts counts them).
 */
export function rbacPaths(target: TenantReport | undefined, source: string): AccessEntryReport[] {
  return (target?.accessibleBy ?? []).filter((e) => e.tenant === source || (e.tenant === EVERYONE && source !== UNASSIGNED_TENANT && source !== SYSTEM_TENANT));
}

/** Worst severity of the failing results of `rule` attributed to `tenant` (the Tenant object's results). */
export function worstFailing(store: ResultStore, rule: string, tenant: string): Severity | undefined {
  let worst: Severity | undefined;
  for (let i = 0; i < store.length; i++) {
    if (store.statusOf(i) !== 'fail' || store.ruleOf(i) !== rule || store.tenantOf(i) !== tenant) continue;
    const s = store.severityOf(i);
    if (worst === undefined || severityRank(s) > severityRank(worst)) worst = s;
  }
  return worst;
}

/**
 * Nodes: every tenant by name, then `unassigned` and `system`. Edges: every crossTenantAccess
 * edge, then the paths from unassigned and system namespaces into tenants (network reach and
 * RBAC subjects), which crossTenantAccess leaves out because they are not between tenants.
 */
export function tenantGraph(result: Pick<ScanResult, 'tenants' | 'crossTenantAccess' | 'results'>): TenantGraph {
  const tenants = [...(result.tenants ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const byName = new Map(tenants.map((t) => [t.name, t]));
  const names = new Set(tenants.map((t) => t.name));
  for (const e of result.crossTenantAccess ?? []) {
    names.add(e.source);
    names.add(e.target);
  }
  names.delete(UNASSIGNED_TENANT);
  names.delete(SYSTEM_TENANT);
  const nodes: GraphNode[] = [
    ...[...names].sort((a, b) => a.localeCompare(b)).map((name): GraphNode => ({ name, kind: 'tenant', score: byName.get(name)?.score ?? null })),
    { name: UNASSIGNED_TENANT, kind: 'unassigned', score: null },
    { name: SYSTEM_TENANT, kind: 'system', score: null },
  ];
  const severityCache = new Map<string, Severity | undefined>();
  const severity = (channel: GraphEdge['channel'], target: string): Severity | undefined => {
    const key = `${channel}\u0000${target}`;
    if (!severityCache.has(key)) severityCache.set(key, worstFailing(result.results, CHANNEL_RULE[channel], target));
    return severityCache.get(key);
  };
  const edges: GraphEdge[] = sortEdges(result.crossTenantAccess ?? []).map((e) => ({ ...e, origin: 'crossTenantAccess', severity: severity(e.channel, e.target) }));
  const outsideEdges: GraphEdge[] = [];
  for (const t of tenants) {
    for (const outside of [UNASSIGNED_TENANT, SYSTEM_TENANT]) {
      const reach = networkPaths(t, outside).length;
      if (reach > 0) outsideEdges.push({ source: outside, target: t.name, channel: 'network', count: reach, origin: 'outside', severity: undefined });
      const access = (t.accessibleBy ?? []).filter((e) => e.tenant === outside).length;
      if (access > 0) outsideEdges.push({ source: outside, target: t.name, channel: 'rbac', count: access, origin: 'outside', severity: undefined });
    }
  }
  return { nodes, edges: [...edges, ...sortEdges(outsideEdges)] };
}

function sortEdges<E extends CrossTenantEdge>(edges: readonly E[]): E[] {
  return [...edges].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || a.channel.localeCompare(b.channel));
}

export interface Point {
  x: number;
  y: number;
}

/** Nodes evenly on a circle, the first at the top, clockwise. One node sits in the centre. */
export function circleLayout(count: number, center: Point, radius: number): Point[] {
  if (count === 1) return [{ ...center }];
  return Array.from({ length: count }, (_, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / count;
    return { x: round(center.x + radius * Math.cos(a)), y: round(center.y + radius * Math.sin(a)) };
  });
}

const round = (n: number): number => Math.round(n * 10) / 10;

export interface EdgeShape {
  /** SVG path data: a quadratic curve from the source's rim to the target's rim. */
  d: string;
  /** Where the label sits (the curve's midpoint). */
  label: Point;
}

/**
 * A curved arrow from a to b that bends `bend` pixels to the left of its direction, so a → b
 * and b → a (and the two channels, with different bends) never overlap. Ends stop `inset`
 * pixels short of the centres (the node's radius).
 */
export function edgeShape(a: Point, b: Point, bend: number, inset: number): EdgeShape {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  // Left normal of the direction a → b (SVG's y axis points down).
  const nx = dy / len;
  const ny = -dx / len;
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const control = { x: mid.x + 2 * bend * nx, y: mid.y + 2 * bend * ny };
  const toward = (from: Point, to: Point): Point => {
    const l = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    return { x: round(from.x + ((to.x - from.x) * inset) / l), y: round(from.y + ((to.y - from.y) * inset) / l) };
  };
  const start = toward(a, control);
  const end = toward(b, control);
  // The curve's point at t = 0.5 is half-way between the chord's midpoint and the control point.
  const label = { x: round((start.x + end.x) / 4 + control.x / 2), y: round((start.y + end.y) / 4 + control.y / 2) };
  return { d: `M${start.x},${start.y} Q${round(control.x)},${round(control.y)} ${end.x},${end.y}`, label };
}

/** Anchor of the paths behind an edge, in the tenants section. */
export function pathsAnchor(e: Pick<GraphEdge, 'source' | 'target' | 'channel'>): string {
  return `paths-${anchorPart(e.source)}-${anchorPart(e.target)}-${e.channel}`;
}

/** A string as an HTML id part: letters, digits and `_` stay; anything else becomes `.hh` (one-to-one). */
export function anchorPart(s: string): string {
  return [...s].map((c) => (/^[A-Za-z0-9_]$/.test(c) ? c : `.${c.codePointAt(0)!.toString(16)}`)).join('');
}

const SEV_STROKE: Record<Severity, string> = { critical: '#8e0000', high: '#c62828', medium: '#b7791f', low: '#2b6cb0', info: '#616e7c' };
const NO_SEVERITY = '#7b8794';
const NODE_R = 34;

/** The graph as inline SVG: solid arrows network, dashed arrows RBAC, coloured by worst severity, labelled with the path count. */
export function renderTenantGraph(g: TenantGraph): string {
  const size = g.nodes.length <= 4 ? 420 : Math.min(760, 300 + g.nodes.length * 40);
  const c = { x: size / 2, y: size / 2 };
  const pos = circleLayout(g.nodes.length, c, size / 2 - NODE_R - 28);
  const at = new Map(g.nodes.map((n, i) => [n.name, pos[i]!]));
  const markers = [...SEVERITIES.map((s) => [s, SEV_STROKE[s]] as const), ['none', NO_SEVERITY] as const]
    .map(([k, color]) => `<marker id="tg-arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`)
    .join('');
  const edges = g.edges
    .map((e) => {
      const a = at.get(e.source);
      const b = at.get(e.target);
      if (!a || !b) return '';
      const s = edgeShape(a, b, e.channel === 'network' ? 18 : 42, NODE_R + 2);
      const color = e.severity ? SEV_STROKE[e.severity] : NO_SEVERITY;
      const label = `${e.channel === 'network' ? 'N' : 'R'} ${e.count}`;
      const title = `${e.source} → ${e.target}: ${e.channel === 'network' ? 'network' : 'RBAC'}, ${e.count} ${e.channel === 'network' ? 'polic(ies)' : 'grant(s) (subject × namespace)'}${e.severity ? `, worst ${e.severity}` : ''}`;
      return (
        `<a href="#${esc(pathsAnchor(e))}" class="tg-edge" data-source="${esc(e.source)}" data-target="${esc(e.target)}" data-channel="${e.channel}" data-count="${e.count}" data-origin="${e.origin}" data-severity="${esc(e.severity ?? 'none')}">` +
        `<title>${esc(title)}</title>` +
        `<path d="${s.d}" fill="none" stroke="${color}" stroke-width="${e.origin === 'outside' ? 1.5 : 2.5}"${e.channel === 'rbac' ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#tg-arrow-${esc(e.severity ?? 'none')})"/>` +
        `<text x="${s.label.x}" y="${s.label.y + 4}" text-anchor="middle" font-size="11" font-weight="600" fill="${color}" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(label)}</text></a>`
      );
    })
    .join('');
  const nodes = g.nodes
    .map((n) => {
      const p = at.get(n.name)!;
      const fill = n.kind === 'tenant' ? '#e3f0fb' : '#eef0f2';
      const stroke = n.kind === 'tenant' ? '#2b6cb0' : '#9aa3ad';
      const score = n.kind === 'tenant' ? `<text x="${p.x}" y="${p.y + 14}" text-anchor="middle" font-size="10" fill="#3e4c59">${n.score === null ? 'n/a' : esc(n.score)}</text>` : '';
      return (
        `<g class="tg-node" data-node="${esc(n.name)}" data-kind="${n.kind}"><title>${esc(n.kind === 'tenant' ? `tenant ${n.name}, isolation score ${n.score ?? 'n/a'}` : `${n.name} namespaces (not a tenant)`)}</title>` +
        `<circle cx="${p.x}" cy="${p.y}" r="${NODE_R}" fill="${fill}" stroke="${stroke}" stroke-width="2"${n.kind === 'tenant' ? '' : ' stroke-dasharray="3 3"'}/>` +
        `<text x="${p.x}" y="${p.y + (n.kind === 'tenant' ? 0 : 4)}" text-anchor="middle" font-size="12" font-weight="700" fill="#1f2933">${esc(short(n.name))}</text>${score}</g>`
      );
    })
    .join('');
  return (
    `<svg class="tenant-graph" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="tenant isolation graph: ${g.nodes.length} nodes, ${g.edges.length} edges">` +
    `<defs>${markers}</defs>${edges}${nodes}</svg>`
  );
}

/** Long tenant names are cut to fit the node (the full name is in the node's title and the tables). */
function short(name: string): string {
  return name.length > 10 ? `${name.slice(0, 9)}…` : name;
}
