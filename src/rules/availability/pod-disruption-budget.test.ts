import { workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pod-disruption-budget.js';

const d = (replicas: number | undefined) =>
  workload('Deployment', 'containers: [{name: app, image: x:1}]', { templateMetadata: '{labels: {app: web}}' }).replace('spec:\n', replicas === undefined ? 'spec:\n' : `spec:\n  replicas: ${replicas}\n`);
const pdb = (selector: string) => `---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: a}\nspec: {maxUnavailable: 1, selector: ${selector}}\n`;
const hpa = (min: number) => `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: a}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}, minReplicas: ${min}, maxReplicas: 10}\n`;

testRule(rule, {
  valid: [
    { name: 'three replicas with a PDB', objects: d(3) + pdb('{matchLabels: {app: web}}') },
    { name: 'one replica (default) is not applicable', objects: d(undefined), status: 'not-applicable' },
    { name: 'an HPA with minReplicas 1 decides, not spec.replicas', objects: d(3) + hpa(1), status: 'not-applicable' },
    { name: 'StatefulSet with the default single replica', objects: workload('StatefulSet', 'containers: [{name: app, image: x:1}]', { templateMetadata: '{labels: {app: db}}' }), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'three replicas, no PDB', objects: d(3), messages: ['missing'], paths: ['spec.template.metadata.labels'], messageIncludes: 'Deployment d runs 3 replicas' },
    { name: 'a PDB for other pods does not count', objects: d(2) + pdb('{matchLabels: {app: api}}'), messages: ['missing'] },
    { name: 'spec.replicas 1 but the HPA keeps at least 2', objects: d(1) + hpa(2), messages: ['missing'], messageIncludes: 'runs 2 replicas' },
  ],
});
