import { describe, expect, it } from 'vitest';
import type { KubeResponse } from './client.js';
import { collectionPath, discover, DiscoveryError, findResource, type Fetch } from './discovery.js';

const ok = (body: unknown): KubeResponse => ({ status: 200, headers: {}, body: JSON.stringify(body) });

function fake(routes: Record<string, KubeResponse>): Fetch {
  return async (path) => routes[path] ?? { status: 404, headers: {}, body: '{"message":"not found"}' };
}

describe('discover', () => {
  it('reads aggregated discovery (preferred version first, CRDs included)', async () => {
    const resources = await discover(
      fake({
        '/api': ok({
          kind: 'APIGroupDiscoveryList',
          items: [{ metadata: {}, versions: [{ version: 'v1', resources: [{ resource: 'pods', responseKind: { kind: 'Pod' }, scope: 'Namespaced', verbs: ['get', 'list'] }] }] }],
        }),
        '/apis': ok({
          kind: 'APIGroupDiscoveryList',
          items: [
            {
              metadata: { name: 'wgpolicyk8s.io' },
              versions: [
                { version: 'v1beta1', resources: [{ resource: 'policyreports', responseKind: { kind: 'PolicyReport' }, scope: 'Namespaced', verbs: ['list'] }] },
                { version: 'v1alpha2', resources: [{ resource: 'policyreports', responseKind: { kind: 'PolicyReport' }, scope: 'Namespaced', verbs: ['list'] }] },
              ],
            },
            { metadata: { name: 'rbac.authorization.k8s.io' }, versions: [{ version: 'v1', resources: [{ resource: 'clusterroles', responseKind: { kind: 'ClusterRole' }, scope: 'Cluster', verbs: ['list'] }] }] },
          ],
        }),
      }),
    );
    expect(resources.map((r) => `${r.group}/${r.version}/${r.resource}:${r.kind}:${r.namespaced}`)).toEqual([
      '/v1/pods:Pod:true',
      'wgpolicyk8s.io/v1beta1/policyreports:PolicyReport:true',
      'rbac.authorization.k8s.io/v1/clusterroles:ClusterRole:false',
    ]);
  });

  it('falls back to legacy per-group discovery, skipping subresources and unavailable groups', async () => {
    const resources = await discover(
      fake({
        '/api': ok({ kind: 'APIVersions', versions: ['v1'] }),
        '/apis': ok({
          kind: 'APIGroupList',
          groups: [
            { name: 'apps', preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
            { name: 'metrics.k8s.io', preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } },
          ],
        }),
        '/api/v1': ok({ resources: [{ name: 'pods', kind: 'Pod', namespaced: true, verbs: ['list'] }, { name: 'pods/log', kind: 'Pod', namespaced: true }] }),
        '/apis/apps/v1': ok({ resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['list'] }] }),
        '/apis/metrics.k8s.io/v1beta1': { status: 503, headers: {}, body: '{"message":"service unavailable"}' },
      }),
    );
    expect(resources.map((r) => `${r.group}/${r.resource}`)).toEqual(['/pods', 'apps/deployments']);
    expect(findResource(resources, 'apps', 'deployments')?.kind).toBe('Deployment');
  });

  it('fails with the status when discovery itself is refused', async () => {
    const refused = fake({ '/api': { status: 401, headers: {}, body: '{"message":"Unauthorized"}' } });
    await expect(discover(refused)).rejects.toBeInstanceOf(DiscoveryError);
    await expect(discover(refused)).rejects.toThrow('HTTP 401: Unauthorized');
  });
});

describe('collectionPath', () => {
  const pods = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, verbs: [] };
  const roles = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false, verbs: [] };
  it('builds core, group, namespaced and cluster-scoped paths', () => {
    expect(collectionPath(pods)).toBe('/api/v1/pods');
    expect(collectionPath(pods, 'kube-system')).toBe('/api/v1/namespaces/kube-system/pods');
    expect(collectionPath(roles, 'ignored')).toBe('/apis/rbac.authorization.k8s.io/v1/clusterroles');
  });
});
