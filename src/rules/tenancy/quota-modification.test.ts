import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './quota-modification.js';
import { docs } from './fixtures.js';
import { ACME_ALICE, acmeBase, aliceRole } from './rbac-fixtures.js';

testRule(rule, {
  valid: [
    { name: 'read-only on quotas', objects: docs(acmeBase(), aliceRole('a1', '[{apiGroups: [""], resources: [resourcequotas, limitranges], verbs: [get, list, watch]}]')), config: ACME_ALICE },
    { name: 'write access to pods only', objects: docs(acmeBase(), aliceRole('a1', '[{apiGroups: [""], resources: [pods], verbs: ["*"]}]')), config: ACME_ALICE },
  ],
  invalid: [
    {
      name: 'deletecollection on resourcequotas',
      objects: docs(acmeBase(), aliceRole('a2', '[{apiGroups: [""], resources: [resourcequotas], verbs: [deletecollection]}]')),
      config: ACME_ALICE,
      messages: ['modify'],
      paths: ['a2/resourcequotas'],
      messageIncludes: 'deletecollection resourcequotas in namespace a2',
    },
    {
      name: 'wildcard role covers limitranges',
      objects: docs(acmeBase(), aliceRole('a1', '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]')),
      config: ACME_ALICE,
      messages: ['modify'],
      paths: ['a1/limitranges', 'a1/resourcequotas'],
    },
  ],
});
