import { testRule } from '../../../test/helpers/rule-tester.js';
import { rbacFixture } from './common.js';
import rule from './cluster-admin-binding.js';

const bootstrap = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:masters"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
`;

testRule(rule, {
  valid: [
    { name: 'another role', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [pods], verbs: [get]}]' }) },
    { name: 'the bootstrap system:masters binding', objects: bootstrap, status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'a user-made system: binding is not bootstrap RBAC',
      objects: rbacFixture({ rules: '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', roleName: 'cluster-admin', bindingName: 'system:test' }),
      messages: ['clusterAdmin'],
      paths: ['ClusterRoleBinding/system:test roleRef'],
    },
    {
      name: 'offline manifests without the cluster-admin ClusterRole itself',
      objects: rbacFixture({ rules: '[]', roleName: 'cluster-admin', bindingName: 'ops' }).split('---')[0]!,
      messages: ['clusterAdmin'],
    },
    {
      name: 'a user bound cluster-wide',
      objects: rbacFixture({ rules: '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', roleName: 'cluster-admin', bindingName: 'ops-admin' }),
      messages: ['clusterAdmin'],
      paths: ['ClusterRoleBinding/ops-admin roleRef'],
      messageIncludes: 'cluster-wide',
    },
    {
      name: 'a ServiceAccount bound in a namespace',
      objects: rbacFixture({ bindingKind: 'RoleBinding', rules: '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', roleName: 'cluster-admin', subjects: '[{kind: ServiceAccount, name: deployer}]' }),
      messages: ['clusterAdmin'],
      messageIncludes: 'ServiceAccount team-a/deployer',
    },
  ],
});
