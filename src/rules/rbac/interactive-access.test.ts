import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import { rbacFixture } from './common.js';
import rule from './interactive-access.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [""], resources: [pods/exec], verbs: [create]}]', roleBinding: 'grants' }, { messages: ['interactive'] }));

testRule(rule, {
  valid: [
    { name: 'reading pods and their logs is not interactive', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch]}]' }) },
    { name: 'nodes/proxy is another rule (rbac/nodes-proxy)', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]' }) },
    { name: 'pods/* is not an RBAC wildcard (only */subresource is)', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: ["pods/*"], verbs: [create]}]' }) },
    { name: 'exec in another API group does not count', objects: rbacFixture({ rules: '[{apiGroups: [apps], resources: [pods/exec], verbs: [create]}]' }) },
  ],
  invalid: [
    {
      name: 'get on pods/exec is exec over WebSocket',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [pods/exec], verbs: [get]}]' }),
      messages: ['interactive'],
      messageIncludes: 'get pods/exec',
    },
    {
      name: 'pods/attach and pods/portforward in one Role',
      objects: rbacFixture({ roleKind: 'Role', bindingKind: 'RoleBinding', rules: '[{apiGroups: [""], resources: [pods/attach, pods/portforward], verbs: [create]}]' }),
      messages: ['interactive'],
      messageIncludes: 'create pods/attach, create pods/portforward in namespace team-a through Role/team-a/r',
      paths: ['RoleBinding/team-a/b → Role/team-a/r rules[0]'],
    },
    {
      name: 'every subresource named (*/exec included); evidence once per role rule',
      objects: rbacFixture({ rules: '[{apiGroups: [""], resources: ["*/exec", pods/attach, pods/portforward, pods/proxy], verbs: [create]}, {apiGroups: [""], resources: [services/proxy], verbs: [get]}]' }),
      messages: ['interactive'],
      messageIncludes: 'create pods/exec, create pods/attach, create pods/portforward, create pods/proxy, get services/proxy',
      paths: ['ClusterRoleBinding/b → ClusterRole/r rules[0]', 'ClusterRoleBinding/b → ClusterRole/r rules[1]'],
    },
    {
      name: 'offline binding to the built-in edit role (exec through aggregation)',
      objects: rbacFixture({ bindingKind: 'RoleBinding', rules: '[]', roleName: 'edit' }).split('---')[0]!,
      messages: ['interactive'],
      messageIncludes: 'through ClusterRole/edit',
    },
  ],
});
