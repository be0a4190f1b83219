import { testRule } from '../../../test/helpers/rule-tester.js';
import { rbacFixture } from './common.js';
import rule from './nodes-proxy.js';

testRule(rule, {
  valid: [
    { name: 'unrelated permissions', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]' }) },
    { name: 'bootstrap role excluded by default', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]', roleName: 'system:controller:x', bindingName: 'system:controller:x' }), status: 'not-applicable' },
    { name: 'dangling binding grants nothing', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]', roleName: 'r' }).replace('name: "r"}\nrules', 'name: "other"}\nrules'), status: 'not-applicable' },
    { name: 'a RoleBinding cannot grant a cluster-scoped resource', objects: rbacFixture({ bindingKind: 'RoleBinding', rules: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]' }) },
  ],
  invalid: [
    {
      name: 'direct grant in a ClusterRoleBinding',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]' }),
      messages: ['nodesProxy'],
      paths: ['ClusterRoleBinding/b → ClusterRole/r rules[0]'],
      messageIncludes: 'User alice',
    },
    {
      name: 'wildcards grant it',
      objects: rbacFixture({ rules: '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', subjects: '[{kind: Group, name: "system:authenticated"}]' }),
      messages: ['nodesProxy'],
      messageIncludes: 'Group system:authenticated',
    },
    {
      name: 'a user binding to a bootstrap role (edit, admin) is checked',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]', roleName: 'edit' }).replace('metadata: {name: "edit"}', 'metadata: {name: "edit", labels: {kubernetes.io/bootstrapping: rbac-defaults}}'),
      messages: ['nodesProxy'],
    },
    {
      name: 'system roles are checked when the exclusion is off',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]', roleName: 'system:x', bindingName: 'system:x' }),
      config: (c) => {
        c.rules.excludeSystemRbac = false;
      },
      messages: ['nodesProxy'],
    },
  ],
});
