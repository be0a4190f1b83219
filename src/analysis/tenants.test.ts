import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { defaultConfig } from '../config/types.js';
import { Snapshot } from '../inventory/snapshot.js';
import { buildTenantModel } from './tenants.js';

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
