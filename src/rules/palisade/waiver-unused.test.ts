import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './waiver-unused.js';

const objects = `
apiVersion: palisade.dev/v1alpha1
kind: Cluster
metadata: {name: cluster}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
`;

testRule(rule, {
  valid: [
    { name: 'no waivers', objects, status: 'not-applicable' },
    { name: 'only expired waivers (waiver-expired reports them)', objects, status: 'not-applicable', config: (c) => c.waivers.push({ rule: 'pss/*', name: 'gone', reason: 'r', expires: '2026-01-01' }) },
    {
      name: 'globs match an existing object',
      objects,
      config: (c) => c.waivers.push({ rule: 'pss/*', namespace: 'monit*', kind: 'DaemonSet', name: 'node-*', reason: 'r' }),
    },
    { name: 'rule-only waiver (no object scope) cannot be stale', objects, config: (c) => c.waivers.push({ rule: 'pss/privileged', reason: 'r' }) },
    { name: 'cluster-scoped waiver', objects, config: (c) => c.waivers.push({ rule: 'control-plane/*', kind: 'Cluster', reason: 'managed' }) },
  ],
  invalid: [
    {
      name: 'a waiver naming an object that is not there',
      objects,
      config: (c) => {
        c.waivers.push({ rule: 'pss/*', namespace: 'shop', name: 'debug', reason: 'r' });
        c.waivers.push({ rule: 'pss/privileged', namespace: 'monitoring', kind: 'DaemonSet', name: 'node-exportr', reason: 'typo' });
      },
      messages: ['unmatched'],
      paths: ['waivers[1]'],
      messageIncludes: 'Waiver for pss/privileged on DaemonSet/monitoring/node-exportr matches no object',
    },
    {
      name: 'right name, wrong kind',
      objects,
      config: (c) => c.waivers.push({ rule: 'pss/*', kind: 'Deployment', name: 'node-exporter', reason: 'r' }),
      messages: ['unmatched'],
      paths: ['waivers[0]'],
    },
  ],
});
