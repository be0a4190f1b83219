import { workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pdb-blocks-drain.js';

const pdb = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: a}\nspec: {selector: {matchLabels: {app: web}}, ${spec}}\n---\n`;
const d = (replicas: number) => workload('Deployment', 'containers: [{name: app, image: x:1}]', { templateMetadata: '{labels: {app: web}}' }).replace('spec:\n', `spec:\n  replicas: ${replicas}\n`);
const hpa = `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: a}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}, minReplicas: 2, maxReplicas: 10}\n`;

testRule(rule, {
  valid: [
    { name: 'maxUnavailable 1', objects: pdb('maxUnavailable: 1') + d(3) },
    { name: 'minAvailable below replicas', objects: pdb('minAvailable: 2') + d(3) },
    { name: 'minAvailable as a percentage below 100%', objects: pdb('minAvailable: "50%"') + d(2) },
    { name: 'DaemonSet pods have no fixed count', objects: pdb('minAvailable: 2') + workload('DaemonSet', 'containers: [{name: app, image: x:1}]', { templateMetadata: '{labels: {app: web}}' }), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'maxUnavailable 0', objects: pdb('maxUnavailable: 0') + d(3), messages: ['zeroUnavailable'], paths: ['spec.maxUnavailable'] },
    { name: 'maxUnavailable "0%"', objects: pdb('maxUnavailable: "0%"') + d(3), messages: ['zeroUnavailable'] },
    { name: 'minAvailable 100%', objects: pdb('minAvailable: "100%"') + d(3), messages: ['allAvailable'] },
    { name: 'minAvailable equals replicas', objects: pdb('minAvailable: 3') + d(3), messages: ['minAtReplicas'], messageIncludes: 'minAvailable 3 of 3 pods' },
    { name: 'minAvailable equals the HPA minimum', objects: pdb('minAvailable: 2') + d(5) + hpa, messages: ['minAtReplicas'], messageIncludes: 'of 2 pods' },
  ],
});
