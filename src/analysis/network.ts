/**
 * NetworkPolicy reachability (networking.k8s.io/v1 semantics), offline.
 *
 * - A pod is isolated for a direction only when some policy selects it with that policyType;
 *   policyTypes default to Ingress, plus Egress when the policy has egress rules.
 * - A connection needs egress allowed at the source AND ingress allowed at the destination.
 * - Peers: podSelector (policy namespace), namespaceSelector, both (AND), ipBlock with except.
 *   Pod IPs are unknown offline: an ipBlock reaches pods only when it overlaps a configured pod CIDR.
 * - A rule with a missing or empty `from`/`to` allows every peer; missing or empty `ports` allows every port.
 * - Named ports resolve against the destination's container ports; endPort; TCP default, UDP, SCTP.
 *
 * Pods are grouped by namespace + labels + declared ports, so 10k replicas collapse into a few groups.
 * Controllers whose pods are not in the snapshot (no controllers on the API server, or a manifest
 * directory) stand in with their pod template.
 */
import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { matchesSelector, type LabelSelector } from '../inventory/selectors.js';
import { isRecord, objectRef, type K8sObject, type ObjectRef } from '../model/k8s.js';
import { WORKLOAD_KINDS, isManagedByScannedController, podSpecOf } from '../engine/workloads.js';
import { covers, intersect, parseCidr, type Cidr } from './network/cidr.js';
import {
  intersectPorts,
  isEmpty,
  normalizeProtocol,
  resolvePorts,
  union,
  type NamedPort,
  type PolicyPort,
  type PortSet,
} from './network/ports.js';

export { formatPorts, type PortSet, type Protocol } from './network/ports.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export type Peer =
  | { kind: 'pods'; podSelector?: LabelSelector; namespaceSelector?: LabelSelector }
  | { kind: 'ipBlock'; cidr: Cidr | undefined; except: Cidr[]; text: string };

export interface PolicyRule {
  /** `all` when `from`/`to` is missing or empty. */
  peers: Peer[] | 'all';
  ports: PolicyPort[] | undefined;
  index: number;
}

export interface CompiledPolicy {
  /** `namespace/name`. */
  key: string;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** Set when the policy has the Ingress type: its rules (an empty list denies all ingress). */
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
  object: K8sObject;
}

export interface PodGroup {
  /** `namespace/name-of-first-member` (+N when several objects share it). */
  id: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  ports: NamedPort[];
  /** The pods or controllers (templates) this group stands for. */
  members: ObjectRef[];
  /** Policies that select this group for ingress / egress (isolation). */
  ingressPolicies: CompiledPolicy[];
  egressPolicies: CompiledPolicy[];
}

export interface Direction {
  /** False when no policy isolates the pod for this direction (everything is allowed). */
  isolated: boolean;
  allowed: PortSet;
  /** Keys of the policies whose rules allow the traffic. */
  policies: string[];
}

export interface Connection {
  allowed: boolean;
  ports: PortSet;
  egress: Direction;
  ingress: Direction;
}

export interface TenantReach {
  source: string;
  target: string;
  /** Ingress policies that let the source in (empty when the target pods are not isolated). */
  ingressPolicies: string[];
  /** Egress policies at the source that let the traffic out (empty when the source is not isolated). */
  egressPolicies: string[];
  /** Some target pod group has no ingress isolation at all. */
  unrestricted: boolean;
  /** One concrete path, for evidence. */
  example: { from: string; to: string; ports: PortSet };
}

export interface NetworkModel {
  groups: readonly PodGroup[];
  policies: readonly CompiledPolicy[];
  groupsIn(namespace: string): readonly PodGroup[];
  /** Whether `src` can open a connection to `dst` (optionally on one port). */
  connection(src: PodGroup, dst: PodGroup): Connection;
  /** Ingress from an address outside the cluster. */
  fromOutside(dst: PodGroup): Direction;
  /** Per target group: the source groups (by tenant label) that can reach it. Computed on demand, cached. */
  inbound(dst: PodGroup): ReadonlyMap<string, TenantReach>;
  /** target tenant → source tenant → reach (only allowed pairs). */
  tenantMatrix(): ReadonlyMap<string, ReadonlyMap<string, TenantReach>>;
  namespaceLabels(namespace: string): Readonly<Record<string, string>>;
}

export interface NetworkOptions {
  /** Cluster pod CIDRs; without them ipBlocks only reach "outside the cluster". */
  podCIDRs?: readonly string[];
  /** Namespace → tenant; defaults to the namespace itself. */
  tenantOf?: (namespace: string) => string;
}

// ---------------------------------------------------------------- compile

function selectorOf(v: unknown): LabelSelector | undefined {
  return isRecord(v) ? (v as LabelSelector) : undefined;
}

function compilePorts(v: unknown): PolicyPort[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return v.filter(isRecord).map((p) => {
    const port = p['port'];
    const out: PolicyPort = { protocol: normalizeProtocol(p['protocol']) };
    if (typeof port === 'number') out.port = port;
    else if (typeof port === 'string') out.port = /^\d+$/.test(port) ? Number(port) : port;
    if (typeof p['endPort'] === 'number') out.endPort = p['endPort'];
    return out;
  });
}

function compilePeers(v: unknown): Peer[] | 'all' {
  if (!Array.isArray(v) || v.length === 0) return 'all';
  const out: Peer[] = [];
  for (const raw of v) {
    if (!isRecord(raw)) continue;
    const ip = raw['ipBlock'];
    if (isRecord(ip) && typeof ip['cidr'] === 'string') {
      const except = Array.isArray(ip['except']) ? ip['except'].filter((e): e is string => typeof e === 'string') : [];
      out.push({
        kind: 'ipBlock',
        cidr: parseCidr(ip['cidr']),
        except: except.map(parseCidr).filter((c): c is Cidr => c !== undefined),
        text: ip['cidr'],
      });
      continue;
    }
    const peer: Peer = { kind: 'pods' };
    const ps = selectorOf(raw['podSelector']);
    const ns = selectorOf(raw['namespaceSelector']);
    if (ps) peer.podSelector = ps;
    if (ns) peer.namespaceSelector = ns;
    // A peer with neither field is rejected by the API server; it matches nothing here.
    if (ps || ns) out.push(peer);
  }
  return out;
}

function compileRules(v: unknown, peerField: 'from' | 'to'): PolicyRule[] {
  if (!Array.isArray(v)) return [];
  return v.map((r, index) => {
    const rec = isRecord(r) ? r : {};
    return { peers: compilePeers(rec[peerField]), ports: compilePorts(rec['ports']), index };
  });
}

export function compilePolicy(obj: K8sObject): CompiledPolicy {
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  const namespace = obj.metadata.namespace ?? 'default';
  const declared = Array.isArray(spec['policyTypes']) ? (spec['policyTypes'] as unknown[]) : [];
  const hasEgressRules = Array.isArray(spec['egress']) && spec['egress'].length > 0;
  // API defaulting: Ingress always; Egress only when egress rules are present.
  const types = declared.length > 0 ? declared : hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress'];
  const policy: CompiledPolicy = {
    key: `${namespace}/${obj.metadata.name}`,
    namespace,
    name: obj.metadata.name,
    podSelector: selectorOf(spec['podSelector']) ?? {},
    object: obj,
  };
  if (types.includes('Ingress')) policy.ingress = compileRules(spec['ingress'], 'from');
  if (types.includes('Egress')) policy.egress = compileRules(spec['egress'], 'to');
  return policy;
}

// ---------------------------------------------------------------- pod groups

function declaredPorts(obj: K8sObject): NamedPort[] {
  const view = podSpecOf(obj);
  const out: NamedPort[] = [];
  for (const c of [...(view?.spec.containers ?? []), ...(view?.spec.initContainers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.name) out.push({ name: p.name, port: p.containerPort, protocol: normalizeProtocol(p.protocol) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.port - b.port);
}

/** Objects whose pods take part in pod networking: live pods, and controllers with no pods in the snapshot. */
export function networkedWorkloads(snapshot: Snapshot): K8sObject[] {
  const withPods = new Set<K8sObject>();
  const out: K8sObject[] = [];
  for (const pod of snapshot.ofKind('Pod')) {
    const phase = isRecord(pod['status']) ? pod['status']['phase'] : undefined;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    for (let o = snapshot.controllerOf(pod), depth = 0; o && depth < 5; o = snapshot.controllerOf(o), depth++) withPods.add(o);
    out.push(pod);
  }
  for (const kind of WORKLOAD_KINDS) {
    if (kind === 'Pod') continue;
    for (const w of snapshot.ofKind(kind)) {
      if (withPods.has(w) || isManagedByScannedController(w, snapshot)) continue;
      out.push(w);
    }
  }
  // hostNetwork pods use the node's network namespace: NetworkPolicy does not apply to them.
  return out.filter((o) => podSpecOf(o) !== undefined && podSpecOf(o)?.spec.hostNetwork !== true);
}

function labelKey(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

// ---------------------------------------------------------------- model

export function buildNetworkModel(snapshot: Snapshot, opts: NetworkOptions = {}): NetworkModel {
  const podCidrs = (opts.podCIDRs ?? []).map(parseCidr).filter((c): c is Cidr => c !== undefined);
  const tenantOf = opts.tenantOf ?? ((ns: string) => ns);

  // Namespace labels, with the automatic kubernetes.io/metadata.name label.
  const nsLabels = new Map<string, Record<string, string>>();
  for (const ns of snapshot.namespaceNames()) {
    nsLabels.set(ns, { ...(snapshot.namespace(ns)?.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns });
  }
  const labelsOfNs = (ns: string): Record<string, string> => {
    let l = nsLabels.get(ns);
    if (!l) nsLabels.set(ns, (l = { [NAMESPACE_NAME_LABEL]: ns }));
    return l;
  };

  // Groups.
  const byKey = new Map<string, PodGroup>();
  const byNamespace = new Map<string, PodGroup[]>();
  for (const obj of networkedWorkloads(snapshot)) {
    const namespace = obj.metadata.namespace ?? 'default';
    const labels = { ...(podSpecOf(obj)?.metadata.labels ?? {}) };
    const ports = declaredPorts(obj);
    const key = `${namespace}\u0000${labelKey(labels)}\u0000${ports.map((p) => `${p.name}:${p.port}/${p.protocol}`).join(',')}`;
    let g = byKey.get(key);
    if (!g) {
      g = { id: `${namespace}/${obj.metadata.name}`, namespace, labels, ports, members: [], ingressPolicies: [], egressPolicies: [] };
      byKey.set(key, g);
      const list = byNamespace.get(namespace);
      if (list) list.push(g);
      else byNamespace.set(namespace, [g]);
      labelsOfNs(namespace);
    }
    g.members.push(objectRef(obj));
  }
  const groups = [...byKey.values()];

  // Policies and isolation.
  const policies = snapshot.ofKind('NetworkPolicy').map(compilePolicy);
  for (const p of policies) {
    for (const g of byNamespace.get(p.namespace) ?? []) {
      if (!matchesSelector(p.podSelector, g.labels)) continue;
      if (p.ingress) g.ingressPolicies.push(p);
      if (p.egress) g.egressPolicies.push(p);
    }
  }

  // namespaceSelector → namespaces, cached per selector object (compiled policies keep them stable).
  // Many policies repeat the same selector (e.g. the tenant label), so results are also shared by text.
  const nsSelectCache = new WeakMap<LabelSelector, { list: string[]; set: Set<string> }>();
  const nsSelectByText = new Map<string, { list: string[]; set: Set<string> }>();
  const selectNamespaces = (sel: LabelSelector): { list: string[]; set: Set<string> } => {
    let hit = nsSelectCache.get(sel);
    if (hit) return hit;
    const text = JSON.stringify(sel);
    hit = nsSelectByText.get(text);
    if (!hit) {
      const list = [...nsLabels.entries()].filter(([, l]) => matchesSelector(sel, l)).map(([ns]) => ns);
      nsSelectByText.set(text, (hit = { list, set: new Set(list) }));
    }
    nsSelectCache.set(sel, hit);
    return hit;
  };
  const namespacesMatching = (sel: LabelSelector): string[] => selectNamespaces(sel).list;
  const nsMatches = (sel: LabelSelector, ns: string): boolean => selectNamespaces(sel).set.has(ns);

  const ipBlockReachesPods = (peer: Extract<Peer, { kind: 'ipBlock' }>): boolean => {
    if (!peer.cidr) return false;
    for (const pc of podCidrs) {
      const inside = intersect(peer.cidr, pc);
      if (inside && !covers(peer.except, inside)) return true;
    }
    return false;
  };
  const ipBlockReachesOutside = (peer: Extract<Peer, { kind: 'ipBlock' }>): boolean =>
    !!peer.cidr && !covers([...peer.except, ...podCidrs], peer.cidr);

  /** Does `peer` (in a policy of namespace `policyNs`) match pod group `g`? */
  const peerMatches = (peer: Peer, policyNs: string, g: PodGroup): boolean => {
    if (peer.kind === 'ipBlock') return ipBlockReachesPods(peer);
    if (peer.namespaceSelector) {
      if (!nsMatches(peer.namespaceSelector, g.namespace)) return false;
    } else if (g.namespace !== policyNs) return false;
    return peer.podSelector ? matchesSelector(peer.podSelector, g.labels) : true;
  };

  /** What `pols` (selecting `self`) allow towards/from `other`; ports resolve against `portOwner`. */
  const direction = (pols: readonly CompiledPolicy[], dir: 'ingress' | 'egress', other: PodGroup | 'outside', portOwner: PodGroup | undefined): Direction => {
    if (pols.length === 0) return { isolated: false, allowed: 'all', policies: [] };
    let allowed: PortSet = [];
    const allowing: string[] = [];
    for (const p of pols) {
      let mine: PortSet = [];
      for (const rule of p[dir] ?? []) {
        const hit =
          rule.peers === 'all' ||
          rule.peers.some((peer) =>
            other === 'outside' ? peer.kind === 'ipBlock' && ipBlockReachesOutside(peer) : peerMatches(peer, p.namespace, other),
          );
        if (!hit) continue;
        mine = union(mine, resolvePorts(rule.ports, portOwner?.ports ?? []));
      }
      if (!isEmpty(mine)) {
        allowing.push(p.key);
        allowed = union(allowed, mine);
      }
    }
    return { isolated: true, allowed, policies: allowing };
  };

  // Sources with the same egress policies behave alike: one signature per group, decisions cached per destination.
  const sigs = new Map<PodGroup, string>();
  for (const g of groups) sigs.set(g, g.egressPolicies.map((p) => p.key).join('|'));
  const egressSig = (g: PodGroup): string => sigs.get(g) ?? '';
  const OPEN: Direction = Object.freeze({ isolated: false, allowed: 'all', policies: [] }) as Direction;
  const egressCache = new Map<PodGroup, Map<string, Direction>>();
  const egressTo = (src: PodGroup, dst: PodGroup): Direction => {
    if (src.egressPolicies.length === 0) return OPEN;
    let byDst = egressCache.get(dst);
    if (!byDst) egressCache.set(dst, (byDst = new Map()));
    const k = egressSig(src);
    let d = byDst.get(k);
    if (!d) byDst.set(k, (d = direction(src.egressPolicies, 'egress', dst, dst)));
    return d;
  };

  const connection = (src: PodGroup, dst: PodGroup): Connection => {
    const egress = egressTo(src, dst);
    const ingress = direction(dst.ingressPolicies, 'ingress', src, dst);
    const ports = intersectPorts(egress.allowed, ingress.allowed);
    return { allowed: !isEmpty(ports), ports, egress, ingress };
  };

  // Source buckets: per namespace, groups that share the same egress policies behave alike.
  const buckets = new Map<string, PodGroup[][]>();
  for (const [ns, list] of byNamespace) {
    const bySig = new Map<string, PodGroup[]>();
    for (const g of list) {
      const s = egressSig(g);
      const b = bySig.get(s);
      if (b) b.push(g);
      else bySig.set(s, [g]);
    }
    buckets.set(ns, [...bySig.values()]);
  }
  const namespacesByTenant = new Map<string, string[]>();
  const openEgress = new Map<string, PodGroup>();
  for (const [ns, list] of byNamespace) {
    const t = tenantOf(ns);
    const l = namespacesByTenant.get(t);
    if (l) l.push(ns);
    else namespacesByTenant.set(t, [ns]);
    const open = list.find((g) => g.egressPolicies.length === 0);
    if (open && !openEgress.has(t)) openEgress.set(t, open);
  }

  const inboundCache = new Map<PodGroup, Map<string, TenantReach>>();

  const inbound = (dst: PodGroup): Map<string, TenantReach> => {
    const cached = inboundCache.get(dst);
    if (cached) return cached;
    const out = new Map<string, TenantReach>();
    const target = tenantOf(dst.namespace);
    const record = (src: PodGroup, ingress: string[], egress: Direction, ports: PortSet): void => {
      const source = tenantOf(src.namespace);
      let r = out.get(source);
      if (!r) {
        r = { source, target, ingressPolicies: [], egressPolicies: [], unrestricted: false, example: { from: src.id, to: dst.id, ports } };
        out.set(source, r);
      }
      if (ingress.length === 0) r.unrestricted = true;
      for (const p of ingress) if (!r.ingressPolicies.includes(p)) r.ingressPolicies.push(p);
      for (const p of egress.policies) if (!r.egressPolicies.includes(p)) r.egressPolicies.push(p);
    };
    /** First source in `ns` (matching `podSelector` when given) whose egress reaches dst on `ports`. */
    const findIn = (ns: string, podSelector: LabelSelector | undefined, ports: PortSet): { src: PodGroup; egress: Direction; ports: PortSet } | undefined => {
      for (const bucket of buckets.get(ns) ?? []) {
        const src = podSelector ? bucket.find((g) => matchesSelector(podSelector, g.labels)) : bucket[0];
        if (!src) continue;
        const egress = egressTo(src, dst);
        const both = intersectPorts(egress.allowed, ports);
        if (!isEmpty(both)) return { src, egress, ports: both };
      }
      return undefined;
    };
    /** Every tenant whose some pod can send to dst on `ports` (used when any in-cluster source is allowed). */
    const fromEveryTenant = (ports: PortSet, ingressPolicy: string | undefined): void => {
      for (const [tenant, namespaces] of namespacesByTenant) {
        if (ingressPolicy && out.get(tenant)?.ingressPolicies.includes(ingressPolicy)) continue;
        const open = openEgress.get(tenant);
        if (open) {
          record(open, ingressPolicy ? [ingressPolicy] : [], { isolated: false, allowed: 'all', policies: [] }, ports);
          continue;
        }
        for (const ns of namespaces) {
          const hit = findIn(ns, undefined, ports);
          if (hit) {
            record(hit.src, ingressPolicy ? [ingressPolicy] : [], hit.egress, hit.ports);
            break;
          }
        }
      }
    };

    if (dst.ingressPolicies.length === 0) {
      fromEveryTenant('all', undefined);
    } else {
      for (const p of dst.ingressPolicies) {
        for (const rule of p.ingress ?? []) {
          const ports = resolvePorts(rule.ports, dst.ports);
          if (isEmpty(ports)) continue;
          if (rule.peers === 'all') {
            fromEveryTenant(ports, p.key);
            continue;
          }
          for (const peer of rule.peers) {
            if (peer.kind === 'ipBlock') {
              if (ipBlockReachesPods(peer)) fromEveryTenant(ports, p.key);
              continue;
            }
            const namespaces = peer.namespaceSelector ? namespacesMatching(peer.namespaceSelector) : [p.namespace];
            for (const ns of namespaces) {
              const source = tenantOf(ns);
              if (out.get(source)?.ingressPolicies.includes(p.key)) continue;
              const hit = findIn(ns, peer.podSelector, ports);
              if (hit) record(hit.src, [p.key], hit.egress, hit.ports);
            }
          }
        }
      }
    }
    inboundCache.set(dst, out);
    return out;
  };

  let matrix: Map<string, Map<string, TenantReach>> | undefined;
  const tenantMatrix = (): Map<string, Map<string, TenantReach>> => {
    if (matrix) return matrix;
    matrix = new Map();
    for (const dst of groups) {
      const target = tenantOf(dst.namespace);
      let row = matrix.get(target);
      if (!row) matrix.set(target, (row = new Map()));
      for (const [source, r] of inbound(dst)) {
        const prev = row.get(source);
        if (!prev) {
          row.set(source, { ...r, ingressPolicies: [...r.ingressPolicies], egressPolicies: [...r.egressPolicies] });
          continue;
        }
        prev.unrestricted ||= r.unrestricted;
        for (const p of r.ingressPolicies) if (!prev.ingressPolicies.includes(p)) prev.ingressPolicies.push(p);
        for (const p of r.egressPolicies) if (!prev.egressPolicies.includes(p)) prev.egressPolicies.push(p);
      }
    }
    // The matrix folds every group's row: the per-group rows and egress decisions behind them are not
    // needed again once it exists (66 MiB at 200 tenants and 95k objects); connection() refills its part.
    inboundCache.clear();
    egressCache.clear();
    return matrix;
  };

  return {
    groups,
    policies,
    groupsIn: (ns) => byNamespace.get(ns) ?? [],
    connection,
    fromOutside: (dst) => direction(dst.ingressPolicies, 'ingress', 'outside', dst),
    inbound,
    tenantMatrix,
    namespaceLabels: labelsOfNs,
  };
}

/** One model per snapshot and config (rules share it; building it is the expensive part). */
const cache = new WeakMap<Snapshot, WeakMap<PalisadeConfig, NetworkModel>>();

export function networkModelFor(snapshot: Snapshot, config: PalisadeConfig, tenantOf: (ns: string) => string): NetworkModel {
  let byConfig = cache.get(snapshot);
  if (!byConfig) cache.set(snapshot, (byConfig = new WeakMap()));
  let model = byConfig.get(config);
  if (!model) {
    const opts: NetworkOptions = { tenantOf };
    if (config.tenancy.podCIDRs) opts.podCIDRs = config.tenancy.podCIDRs;
    byConfig.set(config, (model = buildNetworkModel(snapshot, opts)));
  }
  return model;
}
