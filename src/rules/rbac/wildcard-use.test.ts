import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './wildcard-use.js';

const role = (rules: string, name = 'r', labels = '{}') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "${name}", labels: ${labels}}
rules: ${rules}
`;

testRule(rule, {
  valid: [
    { name: 'explicit rules', objects: role('[{apiGroups: [""], resources: [pods], verbs: [get, list]}]') },
    { name: 'subresources are not wildcards', objects: role('[{apiGroups: [apps], resources: [deployments/scale], verbs: [update]}]') },
    { name: 'bootstrap cluster-admin excluded', objects: role('[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', 'cluster-admin', '{kubernetes.io/bootstrapping: rbac-defaults}'), status: 'not-applicable' },
    { name: 'a bootstrap role by its known name, even without the label', objects: role('[{apiGroups: [""], resources: [nodes/proxy], verbs: ["*"]}]', 'system:kubelet-api-admin'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'a user-made system: role is not bootstrap RBAC',
      objects: role('[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', 'system:test'),
      messages: ['wildcard'],
      paths: ['rules[0]'],
    },
    {
      name: 'wildcard verbs',
      objects: role('[{apiGroups: [""], resources: [pods], verbs: [get]}, {apiGroups: [""], resources: [secrets], verbs: ["*"]}]'),
      messages: ['wildcard'],
      paths: ['rules[1]'],
      messageIncludes: 'rules[1] uses "*" in verbs',
    },
    {
      name: 'a namespaced Role with wildcard resources and groups',
      objects: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: admin-ish, namespace: a}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: [get]}]
`,
      messages: ['wildcard'],
      messageIncludes: 'apiGroups, resources',
    },
  ],
});
