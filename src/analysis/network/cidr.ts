/** CIDR arithmetic for NetworkPolicy ipBlocks (IPv4 and IPv6), with BigInt so both families share one code path. */

export interface Cidr {
  family: 4 | 6;
  /** First address of the block. */
  start: bigint;
  /** Last address of the block. */
  end: bigint;
  text: string;
}

function parseV4(addr: string): bigint | undefined {
  const parts = addr.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(addr: string): bigint | undefined {
  const halves = addr.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

/** Parses `10.0.0.0/8` or `fd00::/8`; undefined when malformed (the API server would reject it). */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, lenText] = text.trim().split('/');
  if (addr === undefined || lenText === undefined || !/^\d{1,3}$/.test(lenText)) return undefined;
  const family: 4 | 6 = addr.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32n : 128n;
  const len = BigInt(lenText);
  if (len > bits) return undefined;
  const value = family === 4 ? parseV4(addr) : parseV6(addr);
  if (value === undefined) return undefined;
  const host = bits - len;
  const mask = (1n << host) - 1n;
  const start = value & ~mask & ((1n << bits) - 1n);
  return { family, start, end: start | mask, text };
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/** True when the ranges in `cover` together contain every address of `target`. */
export function covers(cover: readonly Cidr[], target: Cidr): boolean {
  const ranges = cover
    .filter((c) => c.family === target.family && overlaps(c, target))
    .map((c) => [c.start, c.end] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let next = target.start;
  for (const [s, e] of ranges) {
    if (s > next) return false;
    if (e >= next) next = e + 1n;
    if (next > target.end) return true;
  }
  return next > target.end;
}

/** The part of `a` inside `b`, or undefined when disjoint (both are aligned blocks, so one contains the other). */
export function intersect(a: Cidr, b: Cidr): Cidr | undefined {
  if (!overlaps(a, b)) return undefined;
  return a.end - a.start <= b.end - b.start ? a : b;
}
