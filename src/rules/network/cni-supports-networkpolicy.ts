import { defineRule } from '../../engine/rule.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { cis } from '../control-plane/common.js';

/** CNI plugins (by DaemonSet name or image) and whether they enforce NetworkPolicy. */
const SUPPORTS = /calico|cilium|antrea|weave|kube-router|canal|kube-network-policies|azure-npm|romana|kindnet/i;
const NO_SUPPORT = /flannel/i;

function images(ds: K8sObject): string[] {
  const spec = isRecord(ds['spec']) && isRecord(ds['spec']['template']) ? ds['spec']['template']['spec'] : undefined;
  const cs = isRecord(spec) && Array.isArray(spec['containers']) ? (spec['containers'] as unknown[]) : [];
  return cs.filter(isRecord).map((c) => String(c['image'] ?? ''));
}

/**
 * CIS 5.3.1 (heuristic): the CNI is recognised from DaemonSets. Flannel alone does not enforce
 * NetworkPolicy (canal = flannel + calico does); nothing recognised is unknown, not pass.
 */
export default defineRule({
  meta: {
    id: 'network/cni-supports-networkpolicy',
    title: 'The CNI plugin must enforce NetworkPolicy',
    description: 'NetworkPolicy objects are only enforced by the network plugin; with a plugin that ignores them, every policy is silently without effect.',
    remediation: 'Use a CNI that enforces NetworkPolicy (Calico, Cilium, Antrea...), or add a policy engine such as kube-network-policies next to flannel.',
    severity: 'medium',
    category: 'security',
    references: [cis('5.3.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    requires: ['DaemonSet'],
    messages: { unsupported: 'The network plugin ({{cni}}) does not enforce NetworkPolicy' },
  },
  check(ctx) {
    const sets = ctx.snapshot.ofKind('DaemonSet').map((ds) => ({ ds, text: [ds.metadata.name, ...images(ds)].join(' ') }));
    const good = sets.filter((x) => SUPPORTS.test(x.text));
    const bad = sets.filter((x) => NO_SUPPORT.test(x.text) && !SUPPORTS.test(x.text));
    const ref = (x: { ds: K8sObject }): string => `DaemonSet/${x.ds.metadata.namespace ?? ''}/${x.ds.metadata.name}`;
    if (good.length > 0) return ctx.pass(undefined, {}, [{ path: 'network plugin', actual: good.map(ref), expected: 'a NetworkPolicy-enforcing CNI' }]);
    if (bad.length > 0) {
      return ctx.fail('unsupported', { cni: bad.map(ref).join(', ') }, [{ path: 'network plugin', actual: bad.map(ref), expected: 'a NetworkPolicy-enforcing CNI' }]);
    }
    ctx.unknown('no known CNI DaemonSet found (managed or host-installed network plugin): cannot tell whether NetworkPolicy is enforced');
  },
});
