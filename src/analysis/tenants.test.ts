import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { defaultConfig } from '../config/types.js';
import { Snapshot } from '../inventory/snapshot.js';
import { buildTenantModel, inferHome, type TenantGrant } from './tenants.js';

const objects = yamlObjects(`
apiVersion: v1
kind: Namespace
metadata: {name: a1, labels: {palisade.dev/tenant: acme}}
---
apiVersion: v1
kind: Namespace
metadata: {name: c1, labels: {capsule.clastix.io/tenant: capsuled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Namespace
metadata: {name: scratch}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: a1}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: a1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: alice}, {kind: User, name: both}, {kind: Group, name: "system:authenticated"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: c1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: both}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: alice-extra}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: alice}, {kind: User, name: ops}]
`);

describe('tenant model', () => {
  const config = defaultConfig();
  config.tenancy.tenants = [{ name: 'named', namespaces: ['scratch'], subjects: [{ kind: 'Group', name: 'named-devs' }] }];
  const model = buildTenantModel(new Snapshot({ objects, source: 't', mode: 'offline' }), config);

  it('assigns namespaces from config, the tenant label, the Capsule label; system and unassigned otherwise', () => {
    expect(model.tenantOf('a1')).toBe('acme');
    expect(model.tenantOf('c1')).toBe('capsuled');
    expect(model.tenantOf('scratch')).toBe('named');
    expect(model.tenantOf('kube-system')).toBe('system');
    expect(model.tenantOf('elsewhere')).toBe('unassigned');
    expect(model.tenants().map((t) => t.name)).toEqual(['acme', 'capsuled', 'named']);
  });

  it('gives a tenant its ServiceAccounts, its configured subjects, and users bound only in its namespaces', () => {
    const acme = model.tenants().find((t) => t.name === 'acme')!;
    expect(acme.subjects.map((s) => `${s.kind}/${s.name}:${s.source}`)).toEqual(['ServiceAccount/app:service-account', 'User/alice:role-binding']);
    expect(model.tenants().find((t) => t.name === 'named')!.subjects.map((s) => s.name)).toEqual(['named-devs']);
  });

  it('leaves out users bound in two tenants, users bound only cluster-wide, and system groups', () => {
    expect(model.tenantOfSubject({ kind: 'User', name: 'both' })).toBeUndefined();
    expect(model.tenantOfSubject({ kind: 'User', name: 'ops' })).toBeUndefined();
    expect(model.tenantOfSubject({ kind: 'Group', name: 'system:authenticated' })).toBeUndefined();
    expect(model.tenantOfSubject({ kind: 'User', name: 'alice' })).toBe('acme');
    expect(model.tenantOfSubject({ kind: 'ServiceAccount', name: 'x', namespace: 'c1' })).toBe('capsuled');
  });
});

describe('inferHome: a user’s or group’s home tenant from its RoleBindings', () => {
  const g = (tenant: string, strength: TenantGrant['strength'], binding = `RoleBinding/${tenant}-ns/b`): TenantGrant => ({ tenant, binding, role: `ClusterRole/${strength}`, strength });

  it('one tenant: that one', () => {
    expect(inferHome('devs', [g('acme', 'read'), g('acme', 'admin')])).toEqual({ tenant: 'acme', reason: 'bound only in tenant acme' });
  });

  it('the strongest grant decides: admin > edit > write > view > read', () => {
    const order = ['admin', 'edit', 'write', 'view', 'read'] as const;
    for (let i = 0; i < order.length - 1; i++) {
      expect(inferHome('devs', [g('globex', order[i + 1]!), g('acme', order[i]!)]).tenant, `${order[i]} over ${order[i + 1]}`).toBe('acme');
    }
    expect(inferHome('devs', [g('acme', 'edit'), g('globex', 'view')]).reason).toBe('strongest grant (edit: ClusterRole/edit by RoleBinding/acme-ns/b) in tenant acme; also bound in globex');
  });

  it('a tie is broken by the tenant name as the subject name’s prefix, the longest one winning', () => {
    expect(inferHome('acme-devs', [g('acme', 'edit'), g('globex', 'edit')]).tenant).toBe('acme');
    expect(inferHome('acme-web-devs', [g('acme', 'edit'), g('acme-web', 'edit')]).tenant).toBe('acme-web');
  });

  it('otherwise no home, with the reason', () => {
    expect(inferHome('sre', [g('acme', 'edit'), g('globex', 'edit'), g('initech', 'view')])).toEqual({
      reason: 'equally strong grants (edit) in tenants acme, globex and no tenant name is a prefix of "sre"',
    });
  });
});

describe('buildTenantModel: homes and shared subjects', () => {
  const text = `
apiVersion: v1
kind: Namespace
metadata: {name: a1, labels: {palisade.dev/tenant: acme}}
---
apiVersion: v1
kind: Namespace
metadata: {name: g1, labels: {palisade.dev/tenant: globex}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: edit, namespace: a1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: team, apiGroup: rbac.authorization.k8s.io}, {kind: Group, name: sre, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: view, namespace: g1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: team, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: edit, namespace: g1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: sre, apiGroup: rbac.authorization.k8s.io}]
`;
  const model = buildTenantModel(new Snapshot({ objects: yamlObjects(text), source: 'test', mode: 'offline' }), defaultConfig());

  it('a group with edit in acme and view in globex is acme’s', () => {
    expect(model.tenantOfSubject({ kind: 'Group', name: 'team' })).toBe('acme');
    expect(model.tenants().find((t) => t.name === 'acme')?.subjects).toContainEqual(expect.objectContaining({ kind: 'Group', name: 'team', source: 'role-binding' }));
  });

  it('a group with edit in both is shared: no home, listed, and probed for both tenants', () => {
    expect(model.tenantOfSubject({ kind: 'Group', name: 'sre' })).toBeUndefined();
    expect(model.sharedSubjects()).toEqual([
      { kind: 'Group', name: 'sre', tenants: ['acme', 'globex'], bindings: ['RoleBinding/a1/edit', 'RoleBinding/g1/edit'], reason: 'equally strong grants (edit) in tenants acme, globex and no tenant name is a prefix of "sre"' },
    ]);
    for (const t of model.tenants()) expect(t.shared?.map((s) => s.name), t.name).toEqual(['sre']);
  });
});
