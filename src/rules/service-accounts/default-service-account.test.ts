import { testRule } from '../../../test/helpers/rule-tester.js';
import { rbacFixture } from '../rbac/common.js';
import rule from './default-service-account.js';

const sa = (extra = '', name = 'default') => `apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: team-a}
${extra}
`;

testRule(rule, {
  valid: [
    { name: 'automount off, no bindings', objects: sa('automountServiceAccountToken: false') },
    {
      name: 'a bootstrap binding (rbac-defaults label) is excluded',
      objects: sa('automountServiceAccountToken: false') + '---\n' + rbacFixture({ bindingKind: 'RoleBinding', rules: '[{apiGroups: [""], resources: [configmaps], verbs: [get]}]', subjects: '[{kind: ServiceAccount, name: default}]', bindingName: 'system:default-reader' }).replace('namespace: team-a}', 'namespace: team-a, labels: {kubernetes.io/bootstrapping: rbac-defaults}}'),
    },
    { name: 'not the default ServiceAccount', objects: sa('', 'app'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'automount unset', objects: sa(), messages: ['automount'], paths: ['automountServiceAccountToken'] },
    {
      name: 'bound through a RoleBinding',
      objects: sa('automountServiceAccountToken: false') + '---\n' + rbacFixture({ bindingKind: 'RoleBinding', rules: '[{apiGroups: [""], resources: [configmaps], verbs: [get]}]', subjects: '[{kind: ServiceAccount, name: default}]', bindingName: 'default-reader' }),
      messages: ['bound'],
      paths: ['RoleBinding/team-a/default-reader → ClusterRole/r rules[0]'],
    },
    {
      name: 'bound through a user-made binding named system:*',
      objects: sa('automountServiceAccountToken: false') + '---\n' + rbacFixture({ bindingKind: 'RoleBinding', rules: '[{apiGroups: [""], resources: [configmaps], verbs: [get]}]', subjects: '[{kind: ServiceAccount, name: default}]', bindingName: 'system:default-reader' }),
      messages: ['bound'],
      paths: ['RoleBinding/team-a/system:default-reader → ClusterRole/r rules[0]'],
    },
    {
      name: 'both',
      objects: sa('automountServiceAccountToken: true') + '---\n' + rbacFixture({ rules: '[{apiGroups: [""], resources: [pods], verbs: [list]}]', subjects: '[{kind: ServiceAccount, name: default, namespace: team-a}]' }),
      messages: ['automount', 'bound'],
    },
  ],
});
