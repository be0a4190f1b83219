/**
 * Egress from a pod group to one address outside pod networking (the cloud metadata endpoint, an
 * API server address), with NetworkPolicy semantics:
 *
 * - a group no Egress policy selects can reach every address;
 * - once isolated, only rules whose `to` is missing/empty (every peer) or an ipBlock whose `cidr`
 *   contains the address and whose `except` does not, allow it; pod and namespace selectors never
 *   match an address outside the cluster's pods;
 * - ports as written; named ports resolve against the destination's containers, and an address
 *   has none, so a named port never opens traffic to it.
 */
import type { CompiledPolicy, Direction, Peer, PodGroup } from '../network.js';
import { parseCidr, type Cidr } from './cidr.js';
import { isEmpty, resolvePorts, union, type PortSet } from './ports.js';

/** `169.254.169.254` → the /32 block (`/128` for IPv6), text as written; a CIDR passes through; undefined when malformed. */
export function parseAddress(text: string): Cidr | undefined {
  const t = text.trim();
  if (t.includes('/')) return parseCidr(t);
  const c = parseCidr(`${t}/${t.includes(':') ? 128 : 32}`);
  return c ? { ...c, text: t } : undefined;
}

/** Every address of `inner` lies in `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}

/** Whether an egress peer lets traffic reach every address of `address` (an except that overlaps any of it is a partial block). */
function peerReaches(peer: Peer, address: Cidr): boolean {
  if (peer.kind !== 'ipBlock' || !peer.cidr) return false;
  if (!contains(peer.cidr, address)) return false;
  return !peer.except.some((e) => e.family === address.family && e.start <= address.end && address.start <= e.end);
}

/** The egress rules of `policy` that allow `address`, as `egress[i]` indexes, and the ports they open. */
export function policyEgressTo(policy: CompiledPolicy, address: Cidr): { rules: number[]; ports: PortSet } {
  let ports: PortSet = [];
  const rules: number[] = [];
  for (const rule of policy.egress ?? []) {
    if (rule.peers !== 'all' && !rule.peers.some((p) => peerReaches(p, address))) continue;
    const opened = resolvePorts(rule.ports, []);
    if (isEmpty(opened)) continue;
    rules.push(rule.index);
    ports = union(ports, opened);
  }
  return { rules, ports };
}

/** What the group's egress policies allow towards `address` (every port when no policy isolates it). */
export function egressToAddress(group: PodGroup, address: Cidr): Direction {
  if (group.egressPolicies.length === 0) return { isolated: false, allowed: 'all', policies: [] };
  let allowed: PortSet = [];
  const policies: string[] = [];
  for (const p of group.egressPolicies) {
    const hit = policyEgressTo(p, address);
    if (hit.rules.length === 0) continue;
    policies.push(p.key);
    allowed = union(allowed, hit.ports);
  }
  return { isolated: true, allowed, policies };
}
