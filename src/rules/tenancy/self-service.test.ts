import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './self-service.js';
import { docs, tenantYaml, namespaceYaml } from './fixtures.js';
import { aliceRole } from './rbac-fixtures.js';

const oneNs = (): string => docs(tenantYaml('acme', ['a1']), namespaceYaml('a1', 'acme'));
const full = '[{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: ["*"]}, {apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, create, update, patch, delete, deletecollection]}]';
const oneOnly = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1'], subjects: [{ kind: 'User', name: 'alice' }] }];
};

testRule(rule, {
  valid: [
    { name: 'full self-service', objects: docs(oneNs(), aliceRole('a1', full)), config: oneOnly },
    { name: 'tenant without subjects', objects: oneNs(), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'no networkpolicy deletecollection, no roles',
      objects: docs(oneNs(), aliceRole('a1', '[{apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, create, update, patch, delete]}]')),
      config: oneOnly,
      messages: ['missing'],
      paths: ['a1/networkpolicies', 'a1/roles', 'a1/rolebindings'],
      messageIncludes: 'deletecollection networkpolicies',
    },
  ],
});
