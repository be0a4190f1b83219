import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { RbacModel, grantPath, isSystemRbacObject, serviceAccountUser, type UserInfo } from './rbac.js';

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

const model = (yaml: string, opts?: ConstructorParameters<typeof RbacModel>[1]): RbacModel => new RbacModel(yamlObjects(yaml), opts);

const base = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`;

describe('RbacModel', () => {
  it('RoleBinding to a ClusterRole grants only in its namespace', () => {
    const m = model(base);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'secrets', namespace: 'team-a' }).allowed).toBe(true);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'secrets', namespace: 'team-b' }).allowed).toBe(false);
    expect(m.can(alice, { verb: 'list', group: '', resource: 'secrets' }).allowed).toBe(false);
    expect(m.can(alice, { verb: 'delete', group: '', resource: 'secrets', namespace: 'team-a' }).allowed).toBe(false);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'secrets', namespace: '*' }).allowed).toBe(true);
  });

  it('reports the path binding → role → rule', () => {
    const d = model(base).can(alice, { verb: 'get', group: '', resource: 'secrets', namespace: 'team-a' });
    expect(d.via.map(grantPath)).toEqual(['RoleBinding/team-a/rb → ClusterRole/secret-reader rules[0]']);
  });

  it('groups: system:authenticated and service account groups', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: [{apiGroups: [""], resources: [pods], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: Group, name: "system:serviceaccounts:ci", apiGroup: rbac.authorization.k8s.io}]
`);
    const q = { verb: 'create', group: '', resource: 'pods', namespace: 'x' };
    expect(m.can(serviceAccountUser('ci', 'builder'), q).allowed).toBe(true);
    expect(m.can(serviceAccountUser('other', 'builder'), q).allowed).toBe(false);
    expect(m.can({ kind: 'ServiceAccount', name: 'x', namespace: 'ci' }, q).allowed).toBe(true);
    expect(m.subjectsThatCan(q).map((s) => s.subject)).toEqual([{ kind: 'Group', name: 'system:serviceaccounts:ci' }]);
  });

  it('ServiceAccount subject without namespace takes the RoleBinding namespace, and never matches in a ClusterRoleBinding', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: a}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: ServiceAccount, name: app}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cr}
rules: [{apiGroups: [""], resources: [nodes], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr}
subjects: [{kind: ServiceAccount, name: app}]
`);
    expect(m.can(serviceAccountUser('a', 'app'), { verb: 'get', group: '', resource: 'configmaps', namespace: 'a' }).allowed).toBe(true);
    expect(m.can(serviceAccountUser('a', 'app'), { verb: 'get', group: '', resource: 'nodes' }).allowed).toBe(false);
  });

  it('wildcards in verbs, groups and resources; */subresource; no pods/* pattern', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: ["*"], resources: ["*/scale"], verbs: ["*"]}
- {apiGroups: [""], resources: ["pods/*"], verbs: [get]}
- {apiGroups: ["apps"], resources: ["*"], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: User, name: alice}]
`);
    expect(m.can(alice, { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'n' }).allowed).toBe(true);
    expect(m.can(alice, { verb: 'update', group: 'apps', resource: 'deployments', namespace: 'n' }).allowed).toBe(false);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'pods', subresource: 'exec', namespace: 'n' }).allowed).toBe(false);
    expect(m.can(alice, { verb: 'list', group: 'apps', resource: 'deployments', subresource: 'status', namespace: 'n' }).allowed).toBe(true);
  });

  it('resourceNames restrict named requests and never match unnamed ones', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: [{apiGroups: [""], resources: [secrets], resourceNames: [tls], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: User, name: alice}]
`);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'secrets', namespace: 'n', name: 'tls' }).allowed).toBe(true);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'secrets', namespace: 'n', name: 'db' }).allowed).toBe(false);
    expect(m.can(alice, { verb: 'list', group: '', resource: 'secrets', namespace: 'n' }).allowed).toBe(false);
  });

  it('nonResourceURLs: exact and prefix*, only through ClusterRoleBindings', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: [{nonResourceURLs: ["/healthz", "/logs/*"], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: Group, name: "system:authenticated"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: n}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: User, name: bob}]
`);
    expect(m.can(alice, { verb: 'get', path: '/healthz' }).allowed).toBe(true);
    expect(m.can(alice, { verb: 'get', path: '/logs/kube' }).allowed).toBe(true);
    expect(m.can(alice, { verb: 'get', path: '/metrics' }).allowed).toBe(false);
    expect(m.can({ name: 'bob', groups: [] }, { verb: 'get', path: '/healthz' }).allowed).toBe(false);
  });

  it('aggregated ClusterRoles get the union of selected roles (transitively); stored mode keeps rules as written', () => {
    const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: top}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: top}}]}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: mid, labels: {agg: top}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: mid}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: leaf, labels: {agg: mid}}
rules: [{apiGroups: [""], resources: [pods], verbs: [delete]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: top}
subjects: [{kind: User, name: alice}]
`;
    const q = { verb: 'delete', group: '', resource: 'pods', namespace: 'n' };
    const d = model(yaml).can(alice, q);
    expect(d.allowed).toBe(true);
    expect(grantPath(d.via[0]!)).toBe('ClusterRoleBinding/b → ClusterRole/top rules[0] (aggregated from ClusterRole/leaf)');
    expect(model(yaml, { aggregation: 'stored' }).can(alice, q).allowed).toBe(false);
  });

  it('system:masters is allowed everything; dangling bindings grant nothing', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: missing}
subjects: [{kind: User, name: alice}]
`);
    expect(m.can({ name: 'root', groups: ['system:masters'] }, { verb: 'delete', group: '', resource: 'nodes' }).allowed).toBe(true);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'nodes' }).allowed).toBe(false);
  });

  it('a Role named in a ClusterRoleBinding grants nothing', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: ""}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: User, name: alice}]
`);
    expect(m.can(alice, { verb: 'get', group: '', resource: 'pods', namespace: 'n' }).allowed).toBe(false);
  });
});

describe('isSystemRbacObject', () => {
  const obj = (kind: string, name: string, namespace?: string, labels?: Record<string, string>) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
  });
  it('knows the bootstrap objects by label or by their kind and name', () => {
    expect(isSystemRbacObject(obj('ClusterRole', 'anything', undefined, { 'kubernetes.io/bootstrapping': 'rbac-defaults' }))).toBe(true);
    expect(isSystemRbacObject(obj('ClusterRole', 'system:node'))).toBe(true);
    expect(isSystemRbacObject(obj('ClusterRoleBinding', 'cluster-admin'))).toBe(true);
    expect(isSystemRbacObject(obj('Role', 'system::leader-locking-kube-scheduler', 'kube-system'))).toBe(true);
    expect(isSystemRbacObject(obj('RoleBinding', 'system:controller:token-cleaner', 'kube-system'))).toBe(true);
  });
  it('a system: prefix alone, a bootstrap name in the wrong namespace or of the wrong kind is not bootstrap RBAC', () => {
    expect(isSystemRbacObject(obj('ClusterRole', 'system:test'))).toBe(false);
    expect(isSystemRbacObject(obj('Role', 'system::leader-locking-kube-scheduler', 'team-a'))).toBe(false);
    expect(isSystemRbacObject(obj('ClusterRoleBinding', 'admin'))).toBe(false);
    expect(isSystemRbacObject(obj('ConfigMap', 'system:node'))).toBe(false);
  });
});
