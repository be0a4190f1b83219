/**
 * The Kubernetes CEL extension libraries that ValidatingAdmissionPolicies use, on top of
 * @bufbuild/cel's standard library and strings extension: lists, regex, quantity, url, ip/cidr
 * (k8s.io/apiserver/pkg/cel/library). Quantities, URLs, IPs and CIDRs are maps tagged with
 * TYPE_KEY so the methods below can tell them apart; they are only ever made by these functions.
 */
import { celFunc, celMethod, celMap, CelScalar, isCelMap, listType, mapType, type CelFunc, type CelInput, type CelList, type CelMap, type CelValue } from '@bufbuild/cel';

const TYPE_KEY = '@palisade.type';
const { STRING, INT, BOOL, DOUBLE, DYN } = CelScalar;
const LIST = listType(DYN);
const MAP = mapType(DYN, DYN);

type Opaque = 'quantity' | 'url' | 'ip' | 'cidr';

function tagged(type: Opaque, fields: Record<string, CelInput>): CelMap {
  return celMap(new Map<string, CelInput>([[TYPE_KEY, type], ...Object.entries(fields)]));
}

function field(m: CelMap, type: Opaque, key: string): CelValue {
  if (m.get(TYPE_KEY) !== type) throw new Error(`expected a ${type}`);
  return m.get(key) as CelValue;
}

// ---- lists (k8s lists library) ----------------------------------------------------------

function compare(a: CelValue, b: CelValue): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (isCelMap(a) && isCelMap(b) && a.get(TYPE_KEY) === 'quantity' && b.get(TYPE_KEY) === 'quantity') return quantityCompare(a, b);
  throw new Error('no such overload: list elements are not comparable');
}

function sameValue(a: CelValue, b: CelValue): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return Number(a) === Number(b);
  return a === b;
}

function items(l: CelList): CelValue[] {
  return [...l];
}

function extreme(l: CelList, sign: 1 | -1): CelValue {
  const xs = items(l);
  if (xs.length === 0) throw new Error(sign > 0 ? 'max of empty list' : 'min of empty list');
  return xs.reduce((best, x) => (compare(x, best) * sign > 0 ? x : best));
}

const LISTS: CelFunc[] = [
  celMethod('isSorted', LIST, [], BOOL, function () {
    const xs = items(this);
    return xs.every((x, i) => i === 0 || compare(xs[i - 1]!, x) <= 0);
  }),
  celMethod('sum', LIST, [], DYN, function () {
    const xs = items(this);
    if (xs.length === 0) return 0n;
    if (xs.every((x) => typeof x === 'bigint')) return (xs as bigint[]).reduce((a, b) => a + b, 0n);
    if (xs.every((x) => typeof x === 'number')) return (xs as number[]).reduce((a, b) => a + b, 0);
    throw new Error('no such overload: sum');
  }),
  celMethod('min', LIST, [], DYN, function () {
    return extreme(this, -1) as CelInput;
  }),
  celMethod('max', LIST, [], DYN, function () {
    return extreme(this, 1) as CelInput;
  }),
  celMethod('indexOf', LIST, [DYN], INT, function (x) {
    return BigInt(items(this).findIndex((y) => sameValue(x, y)));
  }),
  celMethod('lastIndexOf', LIST, [DYN], INT, function (x) {
    const xs = items(this);
    for (let i = xs.length - 1; i >= 0; i--) if (sameValue(x, xs[i]!)) return BigInt(i);
    return -1n;
  }),
];

// ---- regex (k8s regex library: find, findAll; RE2 syntax read as JS RegExp) --------------

function jsRegex(pattern: string, flags = ''): RegExp {
  // RE2 inline flags at the start, e.g. (?i), are the common case; JS takes them as flags.
  const inline = /^\(\?([imsU]+)\)/.exec(pattern);
  if (inline) return new RegExp(pattern.slice(inline[0].length), flags + inline[1]!.replace(/[^ims]/g, ''));
  return new RegExp(pattern, flags);
}

const REGEX: CelFunc[] = [
  celMethod('find', STRING, [STRING], STRING, function (re) {
    return jsRegex(re).exec(this)?.[0] ?? '';
  }),
  celMethod('findAll', STRING, [STRING], listType(STRING), function (re) {
    return [...this.matchAll(jsRegex(re, 'g'))].map((m) => m[0]);
  }),
  celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (re, n) {
    const all = [...this.matchAll(jsRegex(re, 'g'))].map((m) => m[0]);
    return n < 0n ? all : all.slice(0, Number(n));
  }),
];

// ---- quantity (resource.Quantity, exact as a rational with a power-of-ten denominator) ----

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]?)$/;

/** Value of a Kubernetes quantity as numerator / 10^scale, or undefined when it does not parse. */
function parseQuantity(s: string): { num: bigint; scale: number } | undefined {
  const m = QUANTITY_RE.exec(s);
  if (!m) return undefined;
  const [, sign, digits, suffix] = m as unknown as [string, string, string, string];
  const [whole, frac = ''] = digits.split('.');
  let num = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
  let scale = frac.length;
  if (suffix in BINARY) num *= 2n ** BigInt(BINARY[suffix]!);
  else {
    const exp = suffix in DECIMAL ? DECIMAL[suffix]! : Number(suffix.slice(1));
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else scale -= exp;
  }
  return { num, scale };
}

function qOf(m: CelMap): { num: bigint; scale: number } {
  return parseQuantity(String(field(m, 'quantity', 'value')))!;
}

function align(a: { num: bigint; scale: number }, b: { num: bigint; scale: number }): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.num * 10n ** BigInt(s - a.scale), b.num * 10n ** BigInt(s - b.scale), s];
}

function quantityCompare(a: CelMap, b: CelMap): number {
  const [x, y] = align(qOf(a), qOf(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

function quantityFromRational(num: bigint, scale: number): CelMap {
  const neg = num < 0n;
  let digits = (neg ? -num : num).toString().padStart(scale + 1, '0');
  let text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  digits = text;
  return tagged('quantity', { value: (neg ? '-' : '') + digits });
}

function quantityArith(a: CelMap, b: CelMap | bigint, sign: 1n | -1n): CelMap {
  const other = typeof b === 'bigint' ? { num: b, scale: 0 } : qOf(b);
  const [x, y, s] = align(qOf(a), other);
  return quantityFromRational(x + sign * y, s);
}

const QUANTITY: CelFunc[] = [
  celFunc('quantity', [STRING], MAP, (s) => {
    if (!parseQuantity(s)) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${s}`);
    return tagged('quantity', { value: s });
  }),
  celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s) !== undefined),
  celMethod('sign', MAP, [], INT, function () {
    const q = qOf(this);
    return q.num > 0n ? 1n : q.num < 0n ? -1n : 0n;
  }),
  celMethod('isInteger', MAP, [], BOOL, function () {
    const q = qOf(this);
    return q.num % 10n ** BigInt(q.scale) === 0n && q.num / 10n ** BigInt(q.scale) <= 2n ** 63n - 1n && q.num / 10n ** BigInt(q.scale) >= -(2n ** 63n);
  }),
  celMethod('asInteger', MAP, [], INT, function () {
    const q = qOf(this);
    if (q.num % 10n ** BigInt(q.scale) !== 0n) throw new Error('cannot convert value to integer');
    return q.num / 10n ** BigInt(q.scale);
  }),
  celMethod('asApproximateFloat', MAP, [], DOUBLE, function () {
    const q = qOf(this);
    return Number(q.num) / 10 ** q.scale;
  }),
  celMethod('add', MAP, [MAP], MAP, function (o) {
    return quantityArith(this, o, 1n);
  }),
  celMethod('add', MAP, [INT], MAP, function (o) {
    return quantityArith(this, o, 1n);
  }),
  celMethod('sub', MAP, [MAP], MAP, function (o) {
    return quantityArith(this, o, -1n);
  }),
  celMethod('sub', MAP, [INT], MAP, function (o) {
    return quantityArith(this, o, -1n);
  }),
  celMethod('isGreaterThan', MAP, [MAP], BOOL, function (o) {
    return quantityCompare(this, o) > 0;
  }),
  celMethod('isLessThan', MAP, [MAP], BOOL, function (o) {
    return quantityCompare(this, o) < 0;
  }),
  celMethod('compareTo', MAP, [MAP], INT, function (o) {
    return BigInt(quantityCompare(this, o));
  }),
];

// ---- url (Go net/url: url.ParseRequestURI for validity, the raw authority and path as given) ----

interface RawUrl {
  scheme: string;
  host: string;
  hostname: string;
  port: string;
  path: string;
  query: string;
}

const ABSOLUTE_URL = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const ABSOLUTE_PATH = /^(\/[^?#]*)(?:\?([^#]*))?$/;

/** Parses an absolute URL or absolute path as url.ParseRequestURI accepts them (no spaces, valid host:port). */
function parseUrl(s: string): RawUrl | undefined {
  if (/[\s\x00-\x1f\x7f]/.test(s)) return undefined;
  const abs = ABSOLUTE_URL.exec(s);
  if (abs) {
    const [, scheme, authority, path, query = ''] = abs as unknown as [string, string, string, string, string | undefined];
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]*)(?::(\d*))?$/.exec(host);
    if (!m) return undefined;
    return { scheme, host, hostname: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] ?? '', path, query };
  }
  const rel = ABSOLUTE_PATH.exec(s);
  if (rel) return { scheme: '', host: '', hostname: '', port: '', path: rel[1]!, query: rel[2] ?? '' };
  return undefined;
}

function urlPart(m: CelMap, key: string): string {
  return String(field(m, 'url', key));
}

const URLS: CelFunc[] = [
  celFunc('url', [STRING], MAP, (s) => {
    const u = parseUrl(s);
    if (!u) throw new Error(`URL parse error during conversion from string: ${s}`);
    return tagged('url', { ...u });
  }),
  celFunc('isURL', [STRING], BOOL, (s) => parseUrl(s) !== undefined),
  celMethod('getScheme', MAP, [], STRING, function () {
    return urlPart(this, 'scheme');
  }),
  celMethod('getHost', MAP, [], STRING, function () {
    return urlPart(this, 'host');
  }),
  celMethod('getHostname', MAP, [], STRING, function () {
    return urlPart(this, 'hostname');
  }),
  celMethod('getPort', MAP, [], STRING, function () {
    return urlPart(this, 'port');
  }),
  celMethod('getEscapedPath', MAP, [], STRING, function () {
    return urlPart(this, 'path');
  }),
  celMethod('getQuery', MAP, [], MAP, function () {
    const out = new Map<string, string[]>();
    for (const [k, v] of new URLSearchParams(urlPart(this, 'query'))) out.set(k, [...(out.get(k) ?? []), v]);
    return celMap(out);
  }),
];

// ---- ip / cidr (net/netip semantics: canonical forms only, no zones, no IPv4-mapped IPv6) -

interface Addr {
  bits: bigint;
  family: 4 | 6;
}

/** Parses an IPv4 or IPv6 address as net/netip does (no leading zeros in IPv4, no zone). */
function parseIp(s: string): Addr | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.');
    if (parts.some((p) => (p.length > 1 && p.startsWith('0')) || Number(p) > 255)) return undefined;
    return { family: 4, bits: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n) };
  }
  if (!s.includes(':') || s.includes('%')) return undefined;
  let text = s;
  let tail: bigint[] = [];
  const v4 = /:(\d{1,3}(\.\d{1,3}){3})$/.exec(text);
  if (v4) {
    const a = parseIp(v4[1]!);
    if (!a) return undefined;
    tail = [a.bits >> 16n, a.bits & 0xffffn];
    text = text.slice(0, v4.index + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => BigInt(parseInt(g, 16)));
  if (tail.length) all.splice(6, 2, ...tail);
  return { family: 6, bits: all.reduce((a, g) => (a << 16n) | g, 0n) };
}

function width(a: Addr): bigint {
  return a.family === 4 ? 32n : 128n;
}

function formatIp(a: Addr): string {
  if (a.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((a.bits >> s) & 0xffn)).join('.');
  const g = Array.from({ length: 8 }, (_, i) => (a.bits >> BigInt(112 - 16 * i)) & 0xffffn);
  let best = -1;
  let len = 0;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && g[j] === 0n) j++;
    if (j - i > len && j - i >= 2) [best, len] = [i, j - i];
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + len).join(':')}`;
}

function ipMap(a: Addr): CelMap {
  return tagged('ip', { bits: a.bits.toString(), family: BigInt(a.family) });
}

function ipOf(m: CelMap): Addr {
  return { bits: BigInt(String(field(m, 'ip', 'bits'))), family: Number(field(m, 'ip', 'family')) as 4 | 6 };
}

function parseCidr(s: string): { addr: Addr; prefix: number } | undefined {
  const slash = s.lastIndexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(s.slice(slash + 1))) return undefined;
  const addr = parseIp(s.slice(0, slash));
  const prefix = Number(s.slice(slash + 1));
  if (!addr || BigInt(prefix) > width(addr) || (s.slice(slash + 1).length > 1 && s[slash + 1] === '0')) return undefined;
  return { addr, prefix };
}

function cidrOf(m: CelMap): { addr: Addr; prefix: number } {
  return parseCidr(String(field(m, 'cidr', 'value')))!;
}

function maskBits(a: Addr, prefix: number): bigint {
  const w = width(a);
  const host = w - BigInt(prefix);
  return (a.bits >> host) << host;
}

function contains(c: { addr: Addr; prefix: number }, a: Addr): boolean {
  return c.addr.family === a.family && maskBits(a, c.prefix) === maskBits(c.addr, c.prefix);
}

function toIp(v: CelValue): Addr {
  if (typeof v === 'string') {
    const a = parseIp(v);
    if (!a) throw new Error(`IP Address '${v}' parse error during conversion from string`);
    return a;
  }
  return ipOf(v as CelMap);
}

function toCidr(v: CelValue): { addr: Addr; prefix: number } {
  if (typeof v === 'string') {
    const c = parseCidr(v);
    if (!c) throw new Error(`network address parse error during conversion from string: ${v}`);
    return c;
  }
  return cidrOf(v as CelMap);
}

function ipPredicate(name: string, test: (a: Addr) => boolean): CelFunc {
  return celMethod(name, MAP, [], BOOL, function () {
    return test(ipOf(this));
  });
}

const inV4 = (a: Addr, net: string, prefix: number): boolean => a.family === 4 && contains({ addr: parseIp(net)!, prefix }, a);
const inV6 = (a: Addr, net: string, prefix: number): boolean => a.family === 6 && contains({ addr: parseIp(net)!, prefix }, a);

const IPS: CelFunc[] = [
  celFunc('ip', [STRING], MAP, (s) => ipMap(toIp(s))),
  celFunc('isIP', [STRING], BOOL, (s) => parseIp(s) !== undefined),
  celFunc('ip.isCanonical', [STRING], BOOL, (s) => {
    const a = toIp(s);
    return formatIp(a) === s;
  }),
  celMethod('family', MAP, [], INT, function () {
    return BigInt(ipOf(this).family);
  }),
  ipPredicate('isUnspecified', (a) => a.bits === 0n),
  ipPredicate('isLoopback', (a) => inV4(a, '127.0.0.0', 8) || (a.family === 6 && a.bits === 1n)),
  ipPredicate('isLinkLocalMulticast', (a) => inV4(a, '224.0.0.0', 24) || inV6(a, 'ff02::', 16)),
  ipPredicate('isLinkLocalUnicast', (a) => inV4(a, '169.254.0.0', 16) || inV6(a, 'fe80::', 10)),
  ipPredicate(
    'isGlobalUnicast',
    (a) =>
      !(a.bits === 0n || inV4(a, '127.0.0.0', 8) || (a.family === 6 && a.bits === 1n) || inV4(a, '169.254.0.0', 16) || inV6(a, 'fe80::', 10) || inV4(a, '224.0.0.0', 4) || inV6(a, 'ff00::', 8) || (a.family === 4 && a.bits === 0xffffffffn)),
  ),
  celFunc('cidr', [STRING], MAP, (s) => tagged('cidr', { value: `${formatIp(toCidr(s).addr)}/${toCidr(s).prefix}` })),
  celFunc('isCIDR', [STRING], BOOL, (s) => parseCidr(s) !== undefined),
  celMethod('containsIP', MAP, [DYN], BOOL, function (x) {
    return contains(cidrOf(this), toIp(x));
  }),
  celMethod('containsCIDR', MAP, [DYN], BOOL, function (x) {
    const inner = toCidr(x);
    const outer = cidrOf(this);
    return inner.prefix >= outer.prefix && contains(outer, inner.addr);
  }),
  celMethod('prefixLength', MAP, [], INT, function () {
    return BigInt(cidrOf(this).prefix);
  }),
  celMethod('ip', MAP, [], MAP, function () {
    return ipMap(cidrOf(this).addr);
  }),
  celMethod('masked', MAP, [], MAP, function () {
    const c = cidrOf(this);
    return tagged('cidr', { value: `${formatIp({ family: c.addr.family, bits: maskBits(c.addr, c.prefix) })}/${c.prefix}` });
  }),
];

/** string(ip), string(cidr), string(url) as Kubernetes prints them. */
export function opaqueString(v: CelValue): string | undefined {
  if (!isCelMap(v)) return undefined;
  switch (v.get(TYPE_KEY)) {
    case 'ip':
      return formatIp(ipOf(v));
    case 'cidr':
    case 'quantity':
      return String(v.get('value'));
    default:
      return undefined;
  }
}

const STRING_OF: CelFunc[] = [
  celFunc('string', [MAP], STRING, (m) => {
    const s = opaqueString(m);
    if (s === undefined) throw new Error("found no matching overload for 'string' applied to '(map)'");
    return s;
  }),
];

export const K8S_EXTENSIONS: readonly CelFunc[] = [...LISTS, ...REGEX, ...QUANTITY, ...URLS, ...IPS, ...STRING_OF];
