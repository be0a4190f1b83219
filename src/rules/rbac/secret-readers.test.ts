import { testRule } from '../../../test/helpers/rule-tester.js';
import { rbacFixture } from './common.js';
import rule from './secret-readers.js';

testRule(rule, {
  valid: [
    { name: 'unrelated permissions', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]' }) },
    { name: 'bootstrap role excluded by default', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [secrets], verbs: [list]}]', roleName: 'system:controller:x', bindingName: 'system:controller:x' }), status: 'not-applicable' },
    { name: 'dangling binding grants nothing', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [secrets], verbs: [list]}]', roleName: 'r' }).replace('name: "r"}\nrules', 'name: "other"}\nrules'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'direct grant in a ClusterRoleBinding',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [secrets], verbs: [list]}]' }),
      messages: ['readsSecrets'],
      paths: ['ClusterRoleBinding/b → ClusterRole/r rules[0]'],
      messageIncludes: 'User alice',
    },
    {
      name: 'wildcards grant it',
      objects: rbacFixture({ rules: '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', subjects: '[{kind: Group, name: "system:authenticated"}]' }),
      messages: ['readsSecrets'],
      messageIncludes: 'Group system:authenticated',
    },
    {
      name: 'a user binding to a bootstrap role (edit, admin) is checked',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [secrets], verbs: [list]}]', roleName: 'edit' }).replace('metadata: {name: "edit"}', 'metadata: {name: "edit", labels: {kubernetes.io/bootstrapping: rbac-defaults}}'),
      messages: ['readsSecrets'],
    },
    {
      name: 'system roles are checked when the exclusion is off',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [secrets], verbs: [list]}]', roleName: 'system:x', bindingName: 'system:x' }),
      config: (c) => {
        c.rules.excludeSystemRbac = false;
      },
      messages: ['readsSecrets'],
    },
    {
      name: 'RoleBinding to a ClusterRole grants it in one namespace',
      objects: rbacFixture({ bindingKind: 'RoleBinding', rules: '[{apiGroups: [""], resources: [secrets], verbs: [list]}]', subjects: '[{kind: ServiceAccount, name: ci}]' }),
      messages: ['readsSecrets'],
      paths: ['RoleBinding/team-a/b → ClusterRole/r rules[0]'],
      messageIncludes: 'ServiceAccount team-a/ci',
    },
  ],
});

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: 'offline binding to the built-in edit role: the bootstrap role, aggregated',
      objects: rbacFixture({ bindingKind: 'RoleBinding', rules: '[]', roleName: 'edit' }).split('---')[0]!,
      messages: ['readsSecrets'],
      messageIncludes: 'through ClusterRole/edit',
      paths: ['RoleBinding/team-a/b → ClusterRole/edit rules[0] (aggregated from ClusterRole/system:aggregate-to-edit)'],
    },
    {
      name: 'offline binding to cluster-admin that the input does not contain: the bootstrap role',
      objects: rbacFixture({ rules: '[]', roleName: 'cluster-admin', bindingName: 'ops' }).split('---')[0]!,
      messages: ['readsSecrets'],
      paths: ['ClusterRoleBinding/ops → ClusterRole/cluster-admin rules[0]'],
    },
  ],
});
