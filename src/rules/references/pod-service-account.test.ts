import { serviceAccount, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pod-service-account.js';

const d = (sa: string) => workload('Deployment', `serviceAccountName: ${sa}\ncontainers: [{name: app, image: x:1}]`);

testRule(rule, {
  valid: [
    { name: 'ServiceAccount exists', objects: d('app') + '---\n' + serviceAccount('app') },
    { name: 'default always exists', objects: workload('Deployment', 'containers: [{name: app, image: x:1}]') },
    { name: 'offline input without any ServiceAccount cannot tell', objects: d('app'), status: 'unknown' },
    {
      name: 'a Pod owned by a scanned ReplicaSet is checked on the ReplicaSet',
      objects: `apiVersion: v1\nkind: Pod\nmetadata: {name: r-x, namespace: a, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: r, uid: u1, controller: true}]}\nspec: {serviceAccountName: gone, containers: [{name: app, image: x:1}]}\n---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r, namespace: a, uid: u1}\nspec: {template: {spec: {serviceAccountName: gone, containers: [{name: app, image: x:1}]}}}\n`,
      status: 'not-applicable',
    },
  ],
  invalid: [
    { name: 'missing ServiceAccount', objects: d('app') + '---\n' + serviceAccount('other'), messages: ['missing'], paths: ['spec.template.spec.serviceAccountName'], messageIncludes: 'ServiceAccount app, which does not exist in namespace a' },
    { name: 'live: missing even when the namespace has none', objects: d('app'), mode: 'live', messages: ['missing'] },
  ],
});
