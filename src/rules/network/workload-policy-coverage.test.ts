import { networkPolicy, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './workload-policy-coverage.js';

const web = workload('Deployment', 'containers: [{name: app, image: x:1}]', { namespace: 'a1', templateMetadata: '{labels: {app: web}}' });

testRule(rule, {
  valid: [
    { name: 'namespace default deny for both directions', objects: web + networkPolicy('deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}') },
    {
      name: 'two policies selecting the pods, one per direction (egress type from egress rules)',
      objects: web + networkPolicy('in', '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {}}]}]}') + networkPolicy('out', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {}}]}]}'),
    },
    { name: 'hostNetwork pods', objects: workload('DaemonSet', 'hostNetwork: true\ncontainers: [{name: app, image: x:1}]', { namespace: 'a1' }), status: 'not-applicable' },
    {
      name: 'a Pod owned by a scanned ReplicaSet is reported on the controller',
      objects: `apiVersion: v1\nkind: Pod\nmetadata: {name: r-x, namespace: a1, labels: {app: web}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: r, uid: u1, controller: true}]}\nspec: {containers: [{name: app, image: x:1}]}\n---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r, namespace: a1, uid: u1}\nspec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: x:1}]}}}\n`,
      status: 'not-applicable',
    },
  ],
  invalid: [
    { name: 'no policy at all', objects: web, messages: ['noIngress', 'noEgress'], paths: ['spec.template.metadata.labels'], messageIncludes: 'Deployment d' },
    { name: 'an ingress-only policy (the default policyTypes)', objects: web + networkPolicy('in', '{podSelector: {matchLabels: {app: web}}}'), messages: ['noEgress'] },
    { name: 'a policy for other pods', objects: web + networkPolicy('api', '{podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress, Egress]}'), messages: ['noIngress', 'noEgress'] },
    {
      name: 'a ReplicaSet whose live pods are not isolated (found through ownerReferences)',
      objects: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r, namespace: a1, uid: u1}\nspec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: x:1}]}}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: r-x, namespace: a1, labels: {app: web}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: r, uid: u1, controller: true}]}\nspec: {containers: [{name: app, image: x:1}]}\n` + networkPolicy('in', '{podSelector: {}}'),
      messages: ['noEgress'],
    },
    {
      name: 'owner uid that dangles (an export applied to a new server): found by owner name, as the network model does',
      objects: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r, namespace: a1, uid: new-uid}\nspec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: x:1}]}}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: r-x, namespace: a1, labels: {app: web}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: r, uid: old-uid, controller: true}]}\nspec: {containers: [{name: app, image: x:1}]}\n` + networkPolicy('in', '{podSelector: {}}'),
      messages: ['noEgress'],
    },
  ],
});
