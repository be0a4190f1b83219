import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { rbacFixture } from './common.js';
import rule from './secret-readers.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [""], resources: [secrets], verbs: [list]}]', roleBinding: 'grants' }, { messages: ['readsSecrets'] }));

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
