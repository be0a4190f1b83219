import { workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './hpa-target.js';

const hpa = (kind: string, name: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h, namespace: a}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${name}}, minReplicas: 2, maxReplicas: 5}
---
`;
const d = workload('Deployment', 'containers: [{name: app, image: x:1}]', { name: 'web' });

testRule(rule, {
  valid: [
    { name: 'Deployment exists', objects: hpa('Deployment', 'web') + d },
    { name: 'a custom kind Palisade does not read is unknown', objects: hpa('Rollout', 'web') + d, status: 'unknown' },
  ],
  invalid: [
    { name: 'renamed Deployment', objects: hpa('Deployment', 'web-v2') + d, messages: ['missingTarget'], paths: ['spec.scaleTargetRef'], messageIncludes: 'Deployment/web-v2' },
    { name: 'wrong kind', objects: hpa('StatefulSet', 'web') + d, messages: ['missingTarget'] },
  ],
});
