/**
 * The demo cluster (examples/demo-cluster, planted problems in docs/demo-cluster.md) has tenants
 * acme (well isolated), globex (leaks by network) and initech (leaks by RBAC). The tenancy rules
 * must find exactly the planted tenancy problems, with the default config (no tenants: block).
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../../config/types.js';
import { scanSnapshot } from '../../engine/scan.js';
import { loadManifests } from '../../inventory/files.js';
import { Snapshot } from '../../inventory/snapshot.js';
import { TENANCY_RULES } from './index.js';

const DEMO = fileURLToPath(new URL('../../../examples/demo-cluster', import.meta.url));

async function scanDemo() {
  const loaded = await loadManifests([DEMO]);
  const snapshot = new Snapshot({ objects: loaded.objects, source: DEMO, mode: 'offline' });
  return scanSnapshot(snapshot, { config: defaultConfig(), rules: TENANCY_RULES, now: new Date('2026-11-22T00:00:00Z') }).result;
}

/** Every failing tenancy result, as `rule Kind/ns/name`. */
const EXPECTED_FAILURES = [
  // Network: globex is open (allow-all-namespaces policy, unselected pods, no policy in globex-ci).
  'tenancy/cross-tenant-network Tenant/globex',
  'tenancy/default-deny-ingress Namespace/globex-ci',
  'tenancy/default-deny-ingress Namespace/globex-shop',
  'tenancy/default-deny-egress Namespace/globex-ci',
  'tenancy/default-deny-egress Namespace/globex-shop',
  'tenancy/default-deny-egress Namespace/initech',
  // RBAC: globex CI SA edits initech; bob (initech) reads every Secret; system:authenticated reads everywhere.
  'tenancy/cross-tenant-access Tenant/acme',
  'tenancy/cross-tenant-access Tenant/globex',
  'tenancy/cross-tenant-access Tenant/initech',
  'tenancy/shared-service-account ServiceAccount/globex-ci/ci-deployer',
  'tenancy/dangerous-permissions Tenant/initech',
  // system:authenticated may list namespaces: every tenant reaches a cluster-scoped resource.
  'tenancy/cluster-resource-access Tenant/acme',
  'tenancy/cluster-resource-access Tenant/globex',
  'tenancy/cluster-resource-access Tenant/initech',
  // Guardrails.
  'tenancy/compute-quota Namespace/globex-ci',
  'tenancy/compute-quota Namespace/globex-shop',
  'tenancy/compute-quota Namespace/initech',
  'tenancy/object-quota Namespace/globex-ci',
  'tenancy/object-quota Namespace/globex-shop',
  'tenancy/object-quota Namespace/initech',
  'tenancy/limit-range Namespace/globex-ci',
  'tenancy/limit-range Namespace/globex-shop',
  'tenancy/limit-range Namespace/initech',
  'tenancy/pod-security-admission Namespace/globex-ci',
  // Exposure and storage.
  'tenancy/service-exposure Service/globex-shop/storefront',
  'tenancy/service-exposure Service/initech/legacy-gateway',
  'tenancy/external-name-service Service/globex-shop/initech-billing',
  'tenancy/ingress-host-collision Ingress/acme-web/storefront',
  'tenancy/ingress-host-collision Ingress/globex-shop/promo',
  'tenancy/persistent-volume-reuse PersistentVolume/pv-reports-hostpath',
  // Informational (weight 0): globex's developers have `edit`, which cannot manage Roles.
  'tenancy/self-service Tenant/globex',
].sort();

describe('tenancy findings on the demo cluster', async () => {
  const result = await scanDemo();
  const failures = result.results
    .filter((r) => r.status === 'fail')
    .map((r) => `${r.rule} ${r.object.kind}/${r.object.namespace ? `${r.object.namespace}/` : ''}${r.object.name}`)
    .sort();

  it('fails exactly the planted tenancy problems', () => {
    expect(failures).toEqual(EXPECTED_FAILURES);
  });

  it('evaluates everything it applies to (no unknown or error)', () => {
    expect(result.results.filter((r) => r.status === 'unknown' || r.status === 'error')).toEqual([]);
  });

  it('names the leaks with their evidence', () => {
    const msg = (rule: string, name: string): string => result.results.find((r) => r.rule === rule && r.object.name === name)!.message;
    expect(msg('tenancy/cross-tenant-network', 'globex')).toContain('Tenant initech can reach tenant globex');
    expect(msg('tenancy/cross-tenant-access', 'initech')).toContain('ServiceAccount globex-ci/ci-deployer of tenant globex');
    expect(msg('tenancy/cross-tenant-access', 'acme')).toContain('User bob@initech.example of tenant initech can read');
    expect(msg('tenancy/dangerous-permissions', 'initech')).toContain('read secrets cluster-wide');
    const globex = result.tenants!.find((t) => t.name === 'globex')!;
    expect(globex.reachableFrom.map((r) => r.tenant)).toEqual(['initech', 'system', 'unassigned']);
    expect(globex.reachableFrom[0]!.policies).toContain('globex-shop/allow-all-namespaces');
  });

  it('draws the tenant × tenant matrix: initech reaches globex by network; RBAC edges from the planted bindings', () => {
    const edges = result.crossTenantAccess!.map((e) => `${e.source}->${e.target}:${e.channel}`);
    expect(edges.filter((e) => e.endsWith(':network'))).toEqual(['initech->globex:network']);
    expect(edges).toContain('globex->initech:rbac');
    expect(edges).toContain('initech->acme:rbac');
    expect(edges).toContain('initech->globex:rbac');
  });
});
