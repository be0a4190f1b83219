import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './aggregated-role-drift.js';

const source = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: src, labels: {example.com/aggregate-to-agg: "true"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
`;
const aggregated = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agg}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/aggregate-to-agg: "true"}}]}
rules: ${rules}
`;
const SOURCE_RULES = '[{verbs: [get, list], apiGroups: [""], resources: [pods]}]';

testRule(rule, {
  valid: [
    { name: 'live, stored rules equal the aggregated ones', objects: aggregated(SOURCE_RULES) + source, mode: 'live' },
    { name: 'offline manifests: the controller fills the rules in', objects: aggregated('[]') + source, status: 'not-applicable' },
    { name: 'not aggregated', objects: source.slice(4), mode: 'live', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'live, no aggregation controller: stored rules empty',
      objects: aggregated('[]') + source,
      mode: 'live',
      messages: ['drift'],
      paths: ['rules'],
      messageIncludes: '0 stored but not aggregated, 1 aggregated but not stored',
    },
    {
      name: 'a snapshot of a cluster where the role was edited by hand',
      objects: aggregated(`[{apiGroups: [""], resources: [pods], verbs: [get, list]}, {apiGroups: [""], resources: [secrets], verbs: [get]}]`) + source,
      mode: 'snapshot',
      messages: ['drift'],
      paths: ['rules[1]'],
      messageIncludes: '1 stored but not aggregated, 0 aggregated but not stored',
    },
  ],
});
