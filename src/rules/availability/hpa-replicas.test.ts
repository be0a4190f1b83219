import { workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './hpa-replicas.js';

const hpa = (min: number, max: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: a}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}, minReplicas: ${min}, maxReplicas: ${max}}\n---\n`;
const d = workload('Deployment', 'containers: [{name: app, image: x:1}]');
const withReplicas = d.replace('spec:\n', 'spec:\n  replicas: 3\n');

testRule(rule, {
  valid: [
    { name: '2..10, target without replicas', objects: hpa(2, 10) + d },
    { name: 'live objects always carry replicas', objects: hpa(2, 10) + withReplicas, mode: 'live' },
    { name: 'an export of a live object (it has a uid) carries the HPA count', objects: hpa(2, 10) + withReplicas.replace('metadata: {', 'metadata: {uid: u1, ') },
  ],
  invalid: [
    { name: 'min above max', objects: hpa(5, 3) + d, messages: ['minAboveMax'], paths: ['spec.minReplicas'] },
    { name: 'min equals max', objects: hpa(3, 3) + d, messages: ['noRange'] },
    { name: 'manifest sets replicas on an HPA target', objects: hpa(2, 10) + withReplicas, messages: ['replicasSet'], messageIncludes: 'Deployment d sets spec.replicas 3' },
  ],
});
