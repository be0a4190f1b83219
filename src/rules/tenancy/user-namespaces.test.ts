import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './user-namespaces.js';
import { docs, namespaceYaml } from './fixtures.js';

const hard = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'initech', namespaces: ['i1'], isolation: 'hard' }];
};
const deployment = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: i1}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec: {${spec}containers: [{name: c, image: nginx:1.27}]}
`;
const NS = namespaceYaml('i1');

testRule(rule, {
  valid: [
    { name: 'hostUsers: false', objects: docs(deployment('hostUsers: false, '), NS), config: hard },
    { name: 'soft tenant', objects: docs(deployment(''), NS), config: (c) => { c.tenancy.tenants = [{ name: 'initech', namespaces: ['i1'] }]; }, status: 'not-applicable' },
    { name: 'outside tenants', objects: docs(deployment(''), namespaceYaml('i1')), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'hostUsers unset (defaults to true)', objects: docs(deployment(''), NS), config: hard, messages: ['hostUsers'], paths: ['spec.template.spec.hostUsers'], messageIncludes: 'unset, default true' },
    { name: 'hostUsers: true', objects: docs(deployment('hostUsers: true, '), NS), config: hard, messages: ['hostUsers'] },
    { name: 'hostNetwork rules the user namespace out', objects: docs(deployment('hostNetwork: true, '), NS), config: hard, messages: ['hostNamespace', 'hostUsers'], paths: ['spec.template.spec.hostNetwork'] },
  ],
});
