/**
 * The demo cluster (examples/demo-cluster, planted problems in docs/demo-cluster.md) has tenants
 * acme (well isolated), globex (leaks by network) and initech (leaks by RBAC). The tenancy rules
 * must find exactly the planted tenancy problems, with the default config (no tenants: block).
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type PalisadeConfig } from '../../config/types.js';
import { loadConfigFile } from '../../config/load.js';
import { scanSnapshot } from '../../engine/scan.js';
import { loadManifests } from '../../inventory/files.js';
import { Snapshot } from '../../inventory/snapshot.js';
import { TENANCY_RULES } from './index.js';

const DEMO = fileURLToPath(new URL('../../../examples/demo-cluster', import.meta.url));

async function scanDemo(config: PalisadeConfig = defaultConfig()) {
  const loaded = await loadManifests([DEMO]);
  const snapshot = new Snapshot({ objects: loaded.objects, source: DEMO, mode: 'offline' });
  return scanSnapshot(snapshot, { config, rules: TENANCY_RULES, now: new Date('2026-11-22T00:00:00Z') }).result;
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
  // Istio runs: globex-shop is meshed but PERMISSIVE, globex-ci and initech are outside the mesh.
  'tenancy/mesh-mtls Tenant/globex',
  'tenancy/mesh-mtls Tenant/initech',
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

/**
 * The demo's own config (examples/demo-cluster.palisade.yaml) makes acme hard. acme's workloads are
 * not sandboxed yet except doc-renderer, and the backup CronJob does not select the pool; the rest
 * of its node placement, its default-deny policies and storage already meet the hard profile. globex and initech stay soft: every result of theirs is the same as under
 * the default config.
 */
describe('the hard isolation profile on the demo cluster (acme hard)', async () => {
  const config = await loadConfigFile(fileURLToPath(new URL('../../../examples/demo-cluster.palisade.yaml', import.meta.url)));
  const soft = await scanDemo();
  const hard = await scanDemo(config);
  const line = (r: { rule: string; status: string; object: { kind: string; namespace?: string; name: string } }): string =>
    `${r.rule} ${r.object.kind}/${r.object.namespace ? `${r.object.namespace}/` : ''}${r.object.name} ${r.status}`;
  const acmeNamespaces = new Set(['acme-web', 'acme-data']);
  const isAcme = (r: { tenant?: string; object: { kind: string; namespace?: string; name: string } }): boolean =>
    r.tenant === 'acme' || acmeNamespaces.has(r.object.namespace ?? '') || (r.object.kind === 'Namespace' && acmeNamespaces.has(r.object.name)) || (r.object.kind === 'Tenant' && r.object.name === 'acme');

  it('reports the profile each tenant was judged by', () => {
    expect(hard.tenants!.map((t) => [t.name, t.isolation])).toEqual([['acme', 'hard'], ['globex', 'soft'], ['initech', 'soft']]);
    expect(soft.tenants!.every((t) => t.isolation === 'soft')).toBe(true);
  });

  it('leaves every result of the soft tenants unchanged', () => {
    const others = (r: typeof hard): string[] => [...r.results].filter((x) => !isAcme(x)).map(line).sort();
    expect(others(hard)).toEqual(others(soft));
  });

  it('fails acme on the sandbox and user-namespace demands, and passes doc-renderer and the rest of the hard profile', () => {
    const acmeFailures = [...hard.results].filter((r) => isAcme(r) && r.status === 'fail').map(line).sort();
    expect(acmeFailures).toEqual(
      [
        ...['CronJob/acme-data/postgres-backup', 'Deployment/acme-web/api', 'Deployment/acme-web/frontend', 'StatefulSet/acme-data/postgres'].flatMap((o) => [`tenancy/runtime-class ${o} fail`, `tenancy/user-namespaces ${o} fail`]),
        // The backup job tolerates acme's pool but lost its nodeSelector (passes the soft profile).
        'tenancy/node-isolation CronJob/acme-data/postgres-backup fail',
        // Already failing under the soft profile (planted leaks into acme, the shared storefront host).
        'tenancy/cross-tenant-access Tenant/acme fail',
        'tenancy/cluster-resource-access Tenant/acme fail',
        'tenancy/ingress-host-collision Ingress/acme-web/storefront fail',
      ].sort(),
    );
    const status = (rule: string, object: string): string | undefined => [...hard.results].find((r) => line(r).startsWith(`${rule} ${object} `))?.status;
    expect(status('tenancy/runtime-class', 'Deployment/acme-web/doc-renderer')).toBe('pass');
    expect(status('tenancy/user-namespaces', 'Deployment/acme-web/doc-renderer')).toBe('pass');
    expect(status('tenancy/node-isolation', 'Deployment/acme-web/frontend')).toBe('pass');
    expect([...soft.results].find((r) => line(r).startsWith('tenancy/node-isolation CronJob/acme-data/postgres-backup '))?.status).toBe('pass');
    expect(status('tenancy/default-deny-ingress', 'Namespace/acme-web')).toBe('pass');
    expect(status('tenancy/default-deny-egress', 'Namespace/acme-data')).toBe('pass');
    expect(status('tenancy/mesh-mtls', 'Tenant/acme')).toBe('pass');
  });
});
