/** Port sets for NetworkPolicy rules: numbered ports, ranges (endPort), named ports, protocols. */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

/** `all` = every port of every protocol (a rule without `ports`, or a pod that is not isolated). */
export type PortSet = 'all' | PortRange[];

/** A port a destination container declares; named policy ports resolve against these. */
export interface NamedPort {
  name: string;
  port: number;
  protocol: Protocol;
}

/** One entry of a NetworkPolicy rule's `ports` list, as written. */
export interface PolicyPort {
  protocol: Protocol;
  /** Number, name, or undefined (every port of the protocol). */
  port?: number | string;
  endPort?: number;
}

export function normalizeProtocol(p: unknown): Protocol {
  return p === 'UDP' || p === 'SCTP' ? p : 'TCP';
}

/** Resolves a rule's ports against the destination's declared ports. A missing/empty list means all ports. */
export function resolvePorts(ports: readonly PolicyPort[] | undefined, destination: readonly NamedPort[]): PortSet {
  if (!ports || ports.length === 0) return 'all';
  const out: PortRange[] = [];
  for (const p of ports) {
    if (p.port === undefined) out.push({ protocol: p.protocol, from: 1, to: 65535 });
    else if (typeof p.port === 'number') {
      // endPort only applies to a numbered port; a smaller endPort is rejected by the API server.
      const to = p.endPort !== undefined && p.endPort >= p.port ? p.endPort : p.port;
      out.push({ protocol: p.protocol, from: p.port, to });
    } else {
      // A named port matches the destination container port with that name and the same protocol.
      for (const d of destination) {
        if (d.name === p.port && d.protocol === p.protocol) out.push({ protocol: p.protocol, from: d.port, to: d.port });
      }
    }
  }
  return out;
}

export function union(a: PortSet, b: PortSet): PortSet {
  if (a === 'all' || b === 'all') return 'all';
  return [...a, ...b];
}

export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  if (a === 'all') return b;
  if (b === 'all') return a;
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.protocol !== y.protocol) continue;
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ protocol: x.protocol, from, to });
    }
  }
  return dedupe(out);
}

export function isEmpty(p: PortSet): boolean {
  return p !== 'all' && p.length === 0;
}

export function allows(p: PortSet, port: number, protocol: Protocol): boolean {
  return p === 'all' || p.some((r) => r.protocol === protocol && r.from <= port && port <= r.to);
}

function dedupe(list: PortRange[]): PortRange[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = `${r.protocol}/${r.from}-${r.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function formatPorts(p: PortSet): string {
  if (p === 'all') return 'all ports';
  return p.map((r) => (r.from === r.to ? `${r.protocol}/${r.from}` : r.from === 1 && r.to === 65535 ? `${r.protocol}/*` : `${r.protocol}/${r.from}-${r.to}`)).join(', ');
}
