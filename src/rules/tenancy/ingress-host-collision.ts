import { defineRule } from '../../engine/rule.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { tenantModelFor } from '../../analysis/tenants.js';
import { specOf, tenantOrSkip } from './common.js';

interface Route {
  ingress: K8sObject;
  host: string;
  path: string;
  index: number;
}

/** host (or `*` for rules without host) → routes, per snapshot. */
const routeCache = new WeakMap<Snapshot, Map<string, Route[]>>();

function routesOf(ingress: K8sObject): Route[] {
  const rules = specOf(ingress)['rules'];
  const out: Route[] = [];
  if (!Array.isArray(rules)) return out;
  rules.forEach((r, index) => {
    if (!isRecord(r)) return;
    const host = typeof r['host'] === 'string' ? r['host'].toLowerCase() : '*';
    const http = isRecord(r['http']) ? r['http'] : {};
    const paths = Array.isArray(http['paths']) ? http['paths'] : [{ path: '/' }];
    for (const p of paths) out.push({ ingress, host, path: isRecord(p) && typeof p['path'] === 'string' ? p['path'] : '/', index });
  });
  return out;
}

function routeIndex(snapshot: Snapshot): Map<string, Route[]> {
  let idx = routeCache.get(snapshot);
  if (idx) return idx;
  idx = new Map();
  for (const ing of snapshot.ofKind('Ingress')) {
    for (const r of routesOf(ing)) {
      const list = idx.get(r.host);
      if (list) list.push(r);
      else idx.set(r.host, [r]);
    }
  }
  routeCache.set(snapshot, idx);
  return idx;
}

/** Two paths collide when one is a prefix of the other at a segment boundary (Prefix semantics; Exact is a subset). */
export function pathsOverlap(a: string, b: string): boolean {
  const norm = (p: string): string => (p.endsWith('/') ? p : `${p}/`);
  const x = norm(a);
  const y = norm(b);
  return x.startsWith(y) || y.startsWith(x);
}

/** The same host and path claimed by Ingresses of different tenants: one tenant can take the other's traffic. */
export default defineRule({
  meta: {
    id: 'tenancy/ingress-host-collision',
    title: 'Ingress hosts and paths must not be shared across tenants',
    description:
      'Ingress controllers merge rules for the same host from every namespace; a tenant that declares another tenant’s host (or an overlapping path on it) receives part of that tenant’s traffic, including credentials in requests.',
    remediation: 'Give each tenant its own host names (e.g. a per-tenant subdomain) and enforce host ownership with admission policy.',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'pending (ingress host ownership)' }],
    targets: ['Ingress'],
    scope: 'object',
    messages: { collision: 'Host {{host}} path {{path}} is also routed by {{other}} of {{owner}}' },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const tenants = tenantModelFor(ctx.snapshot, ctx.config);
    const idx = routeIndex(ctx.snapshot);
    for (const mine of routesOf(ctx.target)) {
      if (mine.host === '*') continue;
      for (const other of idx.get(mine.host) ?? []) {
        const otherTenant = tenants.tenantOf(other.ingress.metadata.namespace);
        if (other.ingress === ctx.target || otherTenant === tenant || !pathsOverlap(mine.path, other.path)) continue;
        const otherRef = `Ingress/${other.ingress.metadata.namespace}/${other.ingress.metadata.name}`;
        ctx.fail('collision', { host: mine.host, path: mine.path, other: otherRef, owner: `tenant ${otherTenant ?? '?'}` }, [
          { path: `spec.rules[${mine.index}].host`, actual: { host: mine.host, path: mine.path, alsoIn: otherRef }, expected: 'a host owned by this tenant only' },
        ]);
      }
    }
  },
});
