import { workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './anti-affinity.js';

const d = (replicas: number, spec = '') =>
  workload('Deployment', `${spec}\ncontainers: [{name: app, image: x:1}]`, { templateMetadata: '{labels: {app: web}}' }).replace('spec:\n', `spec:\n  replicas: ${replicas}\n`);

testRule(rule, {
  valid: [
    { name: 'topology spread on hostname', objects: d(3, 'topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}]') },
    {
      name: 'preferred pod anti-affinity',
      objects: d(2, 'affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}}]}}'),
    },
    { name: 'one replica', objects: d(1), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'three replicas, no spreading', objects: d(3), messages: ['unspread'], paths: ['spec.template.spec.topologySpreadConstraints'], messageIncludes: 'runs 3 replicas' },
    { name: 'a spread constraint for other pods', objects: d(3, 'topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: api}}}]'), messages: ['unspread'] },
  ],
});
