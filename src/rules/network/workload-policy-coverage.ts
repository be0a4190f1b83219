import { peer } from '../../model/result.js';
import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, isManagedByScannedController, podSpecOf } from '../../engine/workloads.js';
import type { NetworkModel, PodGroup } from '../../analysis/network.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import { objectRef, refString, type K8sObject } from '../../model/k8s.js';
import { networkOf } from '../tenancy/common.js';

/**
 * object ref → the pod groups of its pods, built once per network model and snapshot. Arrays, not
 * Sets: almost every object is in one group, and a Set per object costs ~200 bytes at 100k pods.
 */
const groupIndex = new WeakMap<NetworkModel, Map<string, PodGroup[]>>();

function add(index: Map<string, PodGroup[]>, key: string, group: PodGroup): void {
  const list = index.get(key);
  if (!list) index.set(key, [group]);
  else if (!list.includes(group)) list.push(group);
}

/**
 * Each group's members (pods, or controllers standing in for their pods) and every controller
 * above them (ReplicaSet, Deployment, Job, CronJob), found the way the network model finds them:
 * through controllerOf, which falls back from uid to name (exported owner uids dangle on a server).
 */
function groupsByObject(model: NetworkModel, snapshot: Snapshot): Map<string, PodGroup[]> {
  let index = groupIndex.get(model);
  if (!index) {
    index = new Map();
    for (const g of model.groups) {
      for (const m of g.members) {
        add(index, refString(m), g);
        let o = snapshot.get(m.kind, m.name, m.namespace);
        for (let depth = 0; o && depth < 5; depth++) {
          o = snapshot.controllerOf(o);
          if (o) add(index, refString(objectRef(o)), g);
        }
      }
    }
    groupIndex.set(model, index);
  }
  return index;
}

/** The pod groups a workload's pods belong to (the workload itself when it stands for its pods). */
export function groupsOfWorkload(model: NetworkModel, snapshot: Snapshot, workload: K8sObject): PodGroup[] {
  return [...(groupsByObject(model, snapshot).get(refString(objectRef(workload))) ?? [])];
}

/** kube-score's pod-networkpolicy, on the workload: its pods are isolated for ingress and for egress. */
export default defineRule({
  meta: {
    id: 'network/workload-policy-coverage',
    title: 'Each workload\'s pods should be selected by an ingress and an egress NetworkPolicy',
    description:
      'A pod that no NetworkPolicy selects for Ingress accepts connections from every pod in the cluster, and one not selected for Egress can reach anything (other tenants, the cloud metadata endpoint, the internet). A namespace having some policy is not enough: each workload is checked with the NetworkPolicy model (policyTypes defaulting, pod selectors). hostNetwork pods are not applicable: NetworkPolicy does not apply to them.',
    remediation: 'Add a default-deny policy (podSelector: {}, policyTypes: [Ingress, Egress]) to the namespace, or a policy selecting this workload\'s pod labels for both directions, and allow the flows it needs.',
    severity: 'medium',
    category: 'security',
    references: [
      { framework: 'CIS', id: '1.12 §5.3.2' },
      { framework: 'NSA', id: 'C-0030' },
      peer('kube-score/pod-networkpolicy'),
      peer('polaris/missingNetworkPolicy'),
      peer('popeye/POP-1204'),
    ],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    requires: ['NetworkPolicy', 'Pod'],
    messages: {
      noIngress: '{{kind}} {{name}}: no NetworkPolicy selects its pods for Ingress (any pod in the cluster can connect)',
      noEgress: '{{kind}} {{name}}: no NetworkPolicy selects its pods for Egress (they can connect anywhere)',
    },
  },
  check(ctx) {
    const view = podSpecOf(ctx.target);
    if (!view) return ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
    if (view.spec.hostNetwork === true) return ctx.notApplicable('hostNetwork pods are outside NetworkPolicy');
    if (isManagedByScannedController(ctx.target, ctx.snapshot)) return ctx.notApplicable('checked on its controller');
    const groups = groupsOfWorkload(networkOf(ctx), ctx.snapshot, ctx.target);
    if (groups.length === 0) return ctx.notApplicable('no running pod of this workload takes part in pod networking');
    const data = { kind: ctx.target.kind, name: ctx.target.metadata.name };
    const ingress = [...new Set(groups.flatMap((g) => g.ingressPolicies.map((p) => p.key)))];
    const egress = [...new Set(groups.flatMap((g) => g.egressPolicies.map((p) => p.key)))];
    const openIn = groups.some((g) => g.ingressPolicies.length === 0);
    const openOut = groups.some((g) => g.egressPolicies.length === 0);
    const path = ctx.target.kind === 'Pod' ? 'metadata.labels' : view.path.replace(/\.spec$/, '.metadata.labels');
    if (openIn) ctx.fail('noIngress', data, [{ path, actual: ingress, expected: 'a NetworkPolicy selecting these pods with policyType Ingress' }]);
    if (openOut) ctx.fail('noEgress', data, [{ path, actual: egress, expected: 'a NetworkPolicy selecting these pods with policyType Egress' }]);
    if (!openIn && !openOut) ctx.pass(undefined, {}, [{ path, actual: { ingress, egress }, expected: 'ingress and egress policies' }]);
  },
});
