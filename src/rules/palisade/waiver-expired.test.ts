import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './waiver-expired.js';

const cluster = `
apiVersion: palisade.dev/v1alpha1
kind: Cluster
metadata: {name: cluster}
`;

// The rule tester's clock is 2026-06-01T00:00:00Z.
testRule(rule, {
  valid: [
    { name: 'no waivers configured', objects: cluster, status: 'not-applicable' },
    {
      name: 'waiver without expiry',
      objects: cluster,
      config: (c) => c.waivers.push({ rule: 'pss/privileged', reason: 'r' }),
    },
    {
      name: 'waiver expiring later',
      objects: cluster,
      config: (c) => c.waivers.push({ rule: 'pss/privileged', reason: 'r', expires: '2026-06-02' }),
    },
    {
      name: 'a bare date is valid through the end of that day (UTC)',
      objects: cluster,
      now: new Date('2026-05-31T23:59:00Z'),
      config: (c) => c.waivers.push({ rule: 'pss/privileged', reason: 'r', expires: '2026-05-31' }),
    },
  ],
  invalid: [
    {
      name: 'waiver expired yesterday',
      objects: cluster,
      config: (c) =>
        c.waivers.push({
          rule: 'pss/privileged',
          namespace: 'legacy',
          name: 'agent-*',
          reason: 'vendor agent',
          approver: 'jane',
          ticket: 'SEC-1',
          expires: '2026-05-31',
        }),
      messages: ['expired'],
      paths: ['waivers[0].expires'],
      messageIncludes: 'Waiver for pss/privileged on */legacy/agent-* expired on 2026-05-31 (approver: jane, ticket: SEC-1)',
    },
    {
      name: 'second of two waivers expired (date-time)',
      objects: cluster,
      config: (c) => {
        c.waivers.push({ rule: 'pss/*', reason: 'r' });
        c.waivers.push({ rule: 'pss/privileged', kind: 'Pod', reason: 'r', expires: '2026-05-31T12:00:00Z' });
      },
      messages: ['expired'],
      paths: ['waivers[1].expires'],
      messageIncludes: 'approver: none',
    },
  ],
});
