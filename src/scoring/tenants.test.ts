import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { defaultConfig } from '../config/types.js';
import { scanSnapshot } from '../engine/scan.js';
import { Snapshot } from '../inventory/snapshot.js';
import { TENANCY_RULES } from '../rules/tenancy/index.js';
import { EVERYONE } from '../analysis/access.js';
import { dimensionOf, NO_TENANT, rbacEdgeSources, renderTenantLines } from './tenants.js';

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: a1, labels: {palisade.dev/tenant: acme, pod-security.kubernetes.io/enforce: restricted}}
---
apiVersion: v1
kind: Namespace
metadata: {name: g1, labels: {palisade.dev/tenant: globex}}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: a1, labels: {app: api}}
spec: {containers: [{name: c, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: g1, labels: {app: web}}
spec: {containers: [{name: c, image: nginx:1.27}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: a1}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: g1}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dev}
rules: [{apiGroups: [""], resources: [pods, secrets], verbs: [get, list, create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci, namespace: a1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: dev}
subjects: [{kind: ServiceAccount, name: ci, namespace: g1}]
---
# A platform user outside every tenant, bound cluster-wide: it can act in every tenant's namespaces.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: dev}
subjects: [{kind: User, name: ops@example.com}]
`;

function scan() {
  const snapshot = new Snapshot({ objects: yamlObjects(CLUSTER), source: 't', mode: 'offline' });
  return scanSnapshot(snapshot, { config: defaultConfig(), rules: TENANCY_RULES, now: new Date('2026-06-01T00:00:00Z') }).result;
}

describe('tenant reports', () => {
  const result = scan();
  const acme = result.tenants!.find((t) => t.name === 'acme')!;
  const globex = result.tenants!.find((t) => t.name === 'globex')!;

  it('reports every tenant with its namespaces and all six dimensions', () => {
    expect(result.tenants!.map((t) => t.name)).toEqual(['acme', 'globex']);
    expect(acme.namespaces).toEqual(['a1']);
    expect(Object.keys(acme.dimensions).sort()).toEqual(['access', 'compute', 'exposure', 'network', 'pod-security', 'storage']);
  });

  it('scores network from default-deny and reachability: acme isolated, globex open', () => {
    expect(acme.dimensions.network.score).toBe(100);
    expect(acme.dimensions.network.fail).toBe(0);
    // default-deny ingress and egress fail on Namespace g1 (Namespace results count for their tenant).
    expect(globex.dimensions.network.fail).toBe(2);
    expect(globex.reachableFrom.map((r) => r.tenant)).toEqual([]); // acme's egress is denied: nobody else reaches globex
    expect(acme.reachableFrom).toEqual([]);
  });

  it('names the outside subject that can act in acme and draws the RBAC edge', () => {
    expect(acme.accessibleBy).toContainEqual(expect.objectContaining({ subject: 'ServiceAccount g1/ci', tenant: 'globex', namespace: 'a1' }));
    expect(acme.dimensions.access.fail).toBeGreaterThan(0);
    expect(result.crossTenantAccess).toEqual([{ source: 'globex', target: 'acme', channel: 'rbac', count: 1 }]);
  });

  it('lists a platform user outside every tenant in accessibleBy with tenant none, but draws no edge from it', () => {
    for (const [tenant, ns] of [[acme, 'a1'], [globex, 'g1']] as const) {
      expect(tenant.accessibleBy).toContainEqual(expect.objectContaining({ subject: 'User ops@example.com', tenant: NO_TENANT, namespace: ns }));
    }
    expect(NO_TENANT).toBe('none');
    // Only the real grant (globex's ServiceAccount in acme) is an edge; nothing points at globex.
    expect(result.crossTenantAccess!.map((e) => e.source)).not.toContain(NO_TENANT);
    expect(result.crossTenantAccess).toEqual([{ source: 'globex', target: 'acme', channel: 'rbac', count: 1 }]);
  });

  it('takes RBAC edge sources from the subject tenant: a tenant, every other tenant for broad groups, none for platform users', () => {
    const others = ['globex', 'initech'];
    expect(rbacEdgeSources(undefined, others)).toEqual([]);
    expect(rbacEdgeSources('globex', others)).toEqual(['globex']);
    expect(rbacEdgeSources(EVERYONE, others)).toEqual(['globex', 'initech']);
    expect(rbacEdgeSources('unassigned', others)).toEqual([]);
    expect(rbacEdgeSources('system', others)).toEqual([]);
    // A tenant that happens to be called "none" is a tenant: only the missing subject tenant is no edge.
    expect(rbacEdgeSources('none', others)).toEqual(['none']);
  });

  it('keeps coverage beside the score, and no score for a dimension with no weighted results', () => {
    expect(acme.coverage.ratio).toBe(1);
    expect(acme.dimensions.storage.score).toBeNull();
  });

  it('renders the matrix: row globex, column acme shows R', () => {
    const lines = renderTenantLines(result.tenants, result.crossTenantAccess, (_s, t) => t);
    const row = lines.find((l) => l.trim().startsWith('globex') && l.includes('R'));
    expect(row).toBeDefined();
    expect(lines.join('\n')).toContain('from \\ to');
  });

  it('maps rules to dimensions', () => {
    expect(dimensionOf('tenancy/cross-tenant-network')).toBe('network');
    expect(dimensionOf('pss/privileged')).toBe('pod-security');
    expect(dimensionOf('probes/admission-privileged')).toBe('pod-security');
    expect(dimensionOf('probes/other-tenants')).toBe('access');
    expect(dimensionOf('workload/image-tag')).toBeUndefined();
  });
});

describe('tenant reports: a group bridged into another tenant', () => {
  const bridge = `${CLUSTER}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team, namespace: g1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: globex-team, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: debug, namespace: a1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: globex-team, apiGroup: rbac.authorization.k8s.io}]
`;
  const snapshot = new Snapshot({ objects: yamlObjects(bridge), source: 't', mode: 'offline' });
  const result = scanSnapshot(snapshot, { config: defaultConfig(), rules: TENANCY_RULES, now: new Date('2026-06-01T00:00:00Z') }).result;

  it('attributes the group to its home tenant (edit in globex beats view in acme) and counts it in the globex → acme edge', () => {
    const acme = result.tenants!.find((t) => t.name === 'acme')!;
    expect(acme.accessibleBy).toContainEqual(expect.objectContaining({ subject: 'Group globex-team', tenant: 'globex', namespace: 'a1' }));
    expect(result.crossTenantAccess).toEqual([{ source: 'globex', target: 'acme', channel: 'rbac', count: 2 }]);
  });
});
