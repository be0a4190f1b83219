import { describe, expect, it } from 'vitest';
import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import { rbacFixture } from './common.js';
import rule from './bind-escalate-impersonate.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [""], resources: [users, groups], verbs: [impersonate]}]' }, { messages: ['escalates'] }));

// Impersonation limited by resourceNames is judged by whom it reaches.
const NAMED = '[{apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: ["alice@acme.example"]}, {apiGroups: [""], resources: [groups], verbs: [impersonate], resourceNames: [acme-devs]}]';
const PROBER = '[{kind: ServiceAccount, name: palisade, namespace: palisade}]';
const bind = (kind: 'User' | 'Group' | 'ServiceAccount', name: string, role: string, binding: string, extra = ''): string => `
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${binding}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [{kind: ${kind}, name: "${name}"${kind === 'ServiceAccount' ? ', namespace: apps' : ', apiGroup: rbac.authorization.k8s.io'}}]
${extra}`;
const secretsReader = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secrets-reader}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
`;

testRule(rule, {
  valid: [
    {
      name: 'a right the holder already has (granted to system:authenticated) is gained by nobody',
      objects: rbacFixture({ rules: NAMED, subjects: PROBER }) + secretsReader + bind('Group', 'system:authenticated', 'secrets-reader', 'everyone-secrets'),
    },
    { name: 'impersonation limited to tenant subjects with namespaced rights only', objects: rbacFixture({ rules: NAMED, subjects: PROBER }) + bind('Group', 'acme-devs', 'view', 'devs-view') },
    { name: 'named uids add no RBAC rights', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [uids], verbs: [impersonate], resourceNames: ["1234"]}]', subjects: PROBER }) },
    {
      name: 'a named ServiceAccount in a RoleBinding is only the one in that namespace',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate], resourceNames: [app]}]', roleKind: 'Role', bindingKind: 'RoleBinding', subjects: PROBER, namespace: 'team-a' }) + bind('ServiceAccount', 'app', 'cluster-admin', 'apps-app-admin'),
    },
  ],
  invalid: [
    {
      name: 'a named user who is cluster-admin',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: [root]}]', subjects: PROBER }) + bind('User', 'root', 'cluster-admin', 'root-admin'),
      messages: ['impersonatesPowerful'],
      paths: ['ClusterRoleBinding/b → ClusterRole/r rules[0]', 'User root'],
      messageIncludes: 'can impersonate User root cluster-wide through ClusterRole/r, which can read secrets cluster-wide',
    },
    {
      name: 'a named group that holds a cluster-wide right, reached with any named user',
      objects: rbacFixture({ rules: NAMED, subjects: PROBER }) + secretsReader + bind('Group', 'acme-devs', 'secrets-reader', 'devs-secrets'),
      messages: ['impersonatesPowerful'],
      messageIncludes: 'User alice@acme.example',
    },
    {
      name: 'system:masters is everything, before RBAC',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: [x]}, {apiGroups: [""], resources: [groups], verbs: [impersonate], resourceNames: ["system:masters"]}]', subjects: PROBER }),
      messages: ['impersonatesPowerful'],
      messageIncludes: 'do anything (system:masters)',
    },
    {
      name: 'a chain of named impersonation ends at its most powerful member',
      objects:
        rbacFixture({ rules: '[{apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: [u1]}]', subjects: PROBER }) +
        `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: to-u2}
rules: [{apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: [u2]}]
` +
        bind('User', 'u1', 'to-u2', 'u1-to-u2') +
        secretsReader +
        bind('User', 'u2', 'secrets-reader', 'u2-secrets'),
      messages: ['impersonatesPowerful'],
      paths: ['User u1 → User u2'],
      messageIncludes: 'User u1 → User u2',
    },
    {
      name: "a ServiceAccount name granted cluster-wide reaches kube-system's controller of that name",
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate], resourceNames: [clusterrole-aggregation-controller]}]', subjects: PROBER }),
      messages: ['impersonatesPowerful'],
      messageIncludes: 'ServiceAccount kube-system/clusterrole-aggregation-controller',
    },
    {
      name: 'unrestricted impersonation of groups beside named users still fails as unrestricted',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: [alice]}, {apiGroups: [""], resources: [groups], verbs: [impersonate]}]', subjects: PROBER }),
      messages: ['escalates'],
      paths: ['ClusterRoleBinding/b → ClusterRole/r rules[1]'],
      messageIncludes: 'impersonate groups',
    },
  ],
});

describe('rbac/bind-escalate-impersonate: the pass names what may be impersonated', () => {
  it('namedOnly lists the named subjects and says why that passes', () => {
    const expected = { status: 'pass', messages: ['namedOnly'] as const };
    const out = runCase(rule, { name: 'named', objects: rbacFixture({ rules: NAMED, subjects: PROBER }) });
    expect(out.status).toBe(expected.status);
    // The rendered message is the namedOnly template with its placeholders filled.
    const template = rule.meta.messages[expected.messages[0]];
    expect(out.message).toMatch(new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\{\w+\}\}/g, '.+')}$`));
    expect(out.message).toBe('ServiceAccount palisade/palisade can impersonate only User alice@acme.example, Group acme-devs cluster-wide; none of them holds cluster-wide or escalating rights');
    expect(out.evidence.map((e) => e.path)).toEqual(['ClusterRoleBinding/b → ClusterRole/r rules[0]', 'ClusterRoleBinding/b → ClusterRole/r rules[1]']);
  });
});

// bind limited by resourceNames (the documented delegation pattern) is judged by the named roles.
const DELEGATE = (names: string, resource = 'clusterroles', verbs = '[bind]') =>
  `[{apiGroups: [rbac.authorization.k8s.io], resources: [${resource}], verbs: ${verbs}, resourceNames: [${names}]}, {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}]`;
const nsAdmin = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-admin, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`;

testRule(rule, {
  valid: [
    {
      name: 'a namespace admin who may bind admin, edit and view in its namespace gains nothing',
      objects: rbacFixture({ rules: DELEGATE('admin, edit, view'), bindingKind: 'RoleBinding' }) + nsAdmin,
    },
    { name: 'binding only view, cluster-wide', objects: rbacFixture({ rules: DELEGATE('view') }) },
    {
      name: 'binding a named Role of the namespace without dangerous rights',
      objects:
        rbacFixture({ rules: DELEGATE('deployer', 'roles'), bindingKind: 'RoleBinding' }) +
        '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: deployer, namespace: team-a}\nrules: [{apiGroups: [apps], resources: [deployments], verbs: [create, update]}]\n',
    },
  ],
  invalid: [
    {
      name: 'binding admin cluster-wide hands out secrets and exec everywhere',
      objects: rbacFixture({ rules: DELEGATE('admin') }),
      messages: ['bindsPowerful'],
      paths: ['ClusterRoleBinding/b → ClusterRole/r rules[0]', 'ClusterRole/admin'],
      messageIncludes: 'User alice can bind ClusterRole/admin cluster-wide through ClusterRole/r, which grants read secrets cluster-wide',
    },
    {
      name: 'binding cluster-admin, even in one namespace',
      objects: rbacFixture({ rules: DELEGATE('cluster-admin'), bindingKind: 'RoleBinding' }),
      messages: ['bindsPowerful'],
      messageIncludes: 'in namespace team-a',
    },
    {
      name: 'a named role that does not exist: whoever creates it decides its rights',
      objects: rbacFixture({ rules: DELEGATE('not-there') }),
      messages: ['bindsPowerful'],
      paths: ['ClusterRole/not-there'],
      messageIncludes: 'the role does not exist',
    },
    {
      name: 'escalate limited by resourceNames still fails: the named role can be rewritten to anything',
      objects: rbacFixture({ rules: DELEGATE('view', 'clusterroles', '[bind, escalate]') }),
      messages: ['escalates'],
      messageIncludes: 'bind/escalate clusterroles.rbac.authorization.k8s.io',
    },
  ],
});

describe('rbac/bind-escalate-impersonate: limited bind', () => {
  it('the pass names the roles that may be bound', () => {
    const expected = { status: 'pass', messages: ['namedBindOnly'] as const };
    const out = runCase(rule, { name: 'view', objects: rbacFixture({ rules: DELEGATE('view, edit'), bindingKind: 'RoleBinding' }) + nsAdmin.replace('name: alice-admin', 'name: a2') });
    expect(out.status).toBe(expected.status);
    expect(out.message).toMatch(new RegExp(`^${rule.meta.messages[expected.messages[0]].replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\{\w+\}\}/g, '.+')}$`));
    expect(out.message).toBe('User alice can bind only ClusterRole view, ClusterRole edit in namespace team-a; none of them grants cluster-wide or escalating rights');
  });
});
