import { describe, expect, it } from 'vitest';
import { runCase, testRule } from '../../../test/helpers/rule-tester.js';
import rule from './quota-modification.js';
import { docs } from './fixtures.js';
import { ACME_ALICE, ALICE, acmeBase, aliceRole, bindingToAbsentRole } from './rbac-fixtures.js';

const absent = (): string => bindingToAbsentRole('quota-admins', 'quota-admin', ALICE, 'a2');

testRule(rule, {
  valid: [
    { name: 'read-only on quotas', objects: docs(acmeBase(), aliceRole('a1', '[{apiGroups: [""], resources: [resourcequotas, limitranges], verbs: [get, list, watch]}]')), config: ACME_ALICE },
    { name: 'write access to pods only', objects: docs(acmeBase(), aliceRole('a1', '[{apiGroups: [""], resources: [pods], verbs: ["*"]}]')), config: ACME_ALICE },
    { name: 'offline RoleBinding to a ClusterRole absent from the input: unknown, not pass', objects: docs(acmeBase(), absent()), config: ACME_ALICE, status: 'unknown' },
    { name: 'live, the same binding is dangling and grants nothing', objects: docs(acmeBase(), absent()), config: ACME_ALICE, mode: 'live' },
    { name: 'offline RoleBinding to the bootstrap admin role (not in the input): admin cannot write quotas', objects: docs(acmeBase(), bindingToAbsentRole('admins', 'admin', ALICE, 'a1')), config: ACME_ALICE },
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

describe('tenancy/quota-modification: binding to a role absent from the input', () => {
  it('names the binding and the missing role', () => {
    const out = runCase(rule, { name: 'absent', objects: docs(acmeBase(), absent()), config: ACME_ALICE });
    expect(out.message).toBe('RoleBinding/a2/quota-admins names ClusterRole/quota-admin, not in the input: whether tenant acme can modify resourcequotas or limitranges in namespace a2 is not known');
  });
  it('a grant found elsewhere still fails', () => {
    const out = runCase(rule, { name: 'both', objects: docs(acmeBase(), absent(), aliceRole('a1', '[{apiGroups: [""], resources: [limitranges], verbs: [patch]}]')), config: ACME_ALICE });
    expect(out.status).toBe('fail');
  });
});
