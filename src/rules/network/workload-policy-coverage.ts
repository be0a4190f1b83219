import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, isManagedByScannedController, podSpecOf } from '../../engine/workloads.js';
import type { NetworkModel, PodGroup } from '../../analysis/network.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import { objectRef, refString, type K8sObject } from '../../model/k8s.js';
import { networkOf } from '../tenancy/common.js';

/** member ref → pod group, built once per network model. */
const groupIndex = new WeakMap<NetworkModel, Map<string, PodGroup>>();

function groupsByMember(model: NetworkModel): Map<string, PodGroup> {
  let index = groupIndex.get(model);
  if (!index) {
    index = new Map();
    for (const g of model.groups) for (const m of g.members) index.set(refString(m), g);
    groupIndex.set(model, index);
  }
  return index;
}

/**
 * The pod groups a workload's pods belong to: the workload itself when it stands for its pods
 * (no pods in the snapshot), else the pods it owns, through ReplicaSets and Jobs.
 */
export function groupsOfWorkload(model: NetworkModel, snapshot: Snapshot, workload: K8sObject): PodGroup[] {
  const index = groupsByMember(model);
  const out = new Set<PodGroup>();
  const own = index.get(refString(objectRef(workload)));
  if (own) out.add(own);
  let level: readonly K8sObject[] = [workload];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: K8sObject[] = [];
    for (const o of level) {
      for (const child of snapshot.ownedBy(o)) {
        const g = index.get(refString(objectRef(child)));
        if (g) out.add(g);
        next.push(child);
      }
    }
    level = next;
  }
  return [...out];
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
      { framework: 'peer', id: 'kube-score/pod-networkpolicy' },
      { framework: 'peer', id: 'polaris/missingNetworkPolicy' },
      { framework: 'peer', id: 'popeye/POP-1204' },
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
