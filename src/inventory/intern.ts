/**
 * Structural sharing for loaded objects: equal strings and equal sub-trees (tolerations, probes,
 * security contexts, token volumes, labels...) are kept once and shared by every object that has
 * them. Pods of one ReplicaSet differ in a few names; the rest of each pod is shared, so memory
 * grows with what differs between objects, not with their count.
 *
 * Shared sub-trees are frozen: the snapshot is read-only, and a write to a shared node would
 * change every object that has it, so an attempt throws instead of corrupting results. The root
 * object and its `metadata` are never shared (they hold the identity).
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Fields whose values are unique per object: copied, never looked up (a table entry would only cost). */
const UNIQUE_FIELDS: ReadonlySet<string> = new Set(['uid', 'resourceVersion', 'creationTimestamp', 'generateName', 'startTime']);

/**
 * Sub-trees larger than this (in the units of `weight`, about characters of a compact key) are
 * seldom equal to another (a whole pod spec): not entered in the table.
 */
const MAX_WEIGHT = 400;

/** A string of its own: parsers return slices of the whole input, and keeping a slice keeps the input. */
function ownCopy(s: string): string {
  return s.length > 12 ? Buffer.from(s, 'utf8').toString('utf8') : s;
}

/**
 * Sets an own property of a record being built. A key named `__proto__` (a parsed manifest may
 * carry one) would, as an assignment to a new record, set the record's prototype instead, and the
 * record would then seem to hold fields it does not have (`securityContext: {__proto__:
 * {runAsNonRoot: true}}` passing a check that the API server, which drops the unknown field, fails).
 */
function setOwn(rec: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
  else rec[key] = value;
}

/** One step of a 32-bit hash (murmur3's mixing): order-sensitive, so [a, b] and [b, a] differ. */
function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function numberHash(v: number): number {
  return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? v | 0 : mix(v | 0, Math.floor(v / 2 ** 32) | 0) ^ 0x2545f491;
}

/**
 * Two sub-trees built by the interner are equal when their children are identical: equal children
 * were shared already (or are the same primitive), so one level of === decides. Key order counts.
 */
function sameNode(a: unknown, b: Json[] | Record<string, Json>): boolean {
  if (Array.isArray(b)) {
    if (!Array.isArray(a) || a.length !== b.length) return false;
    for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) || typeof a !== 'object' || a === null) return false;
  const ra = a as Record<string, unknown>;
  const ka = Object.keys(ra);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < kb.length; i++) if (ka[i] !== kb[i] || ra[kb[i]!] !== b[kb[i]!]) return false;
  return true;
}

const NULL_HASH = 0x3c6ef372;
const TRUE_HASH = 0x5be0cd19;
const FALSE_HASH = 0x1f83d9ab;
const ARRAY_SEED = 0x510e527f;
const RECORD_SEED = 0x6a09e667;

/** Interns one load's objects; drop it when the load is done (its tables are only for lookups). */
export class Interner {
  // Text → id for strings. Sub-trees are found by a 32-bit hash of their children (ids, not text:
  // a key string per sub-tree was the largest thing alive while a big cluster was listed) and
  // confirmed by comparing one level, so a hash collision can never merge different sub-trees.
  private readonly stringIds = new Map<string, number>();
  private readonly stringById: string[] = [];
  private readonly nodesByHash = new Map<number, unknown>();
  private readonly collisions = new Map<number, unknown[]>();
  private nodeCount = 0;

  private stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      const own = ownCopy(s);
      id = this.stringById.length;
      this.stringById.push(own);
      this.stringIds.set(own, id);
    }
    return id;
  }

  /** A copy of `obj` whose strings and sub-trees below the root and its metadata are shared. */
  object<T extends object>(obj: T): T {
    return this.root(obj, false);
  }

  /**
   * `obj` itself, its strings and sub-trees below the root and its metadata replaced by shared ones.
   * For a tree nobody else holds (a freshly parsed LIST page): its nodes are reused, not copied.
   */
  adopt<T extends object>(obj: T): T {
    this.inPlace = true;
    try {
      return this.root(obj, true);
    } finally {
      this.inPlace = false;
    }
  }

  /** Whether value() reuses the nodes it is given (adopt) or builds new ones (object). */
  private inPlace = false;

  private root<T extends object>(obj: T, inPlace: boolean): T {
    const src = obj as Record<string, unknown>;
    const out: Record<string, unknown> = inPlace ? src : {};
    for (const k in src) {
      const v = src[k];
      if (k === 'metadata' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const m = v as Record<string, unknown>;
        const meta: Record<string, unknown> = inPlace ? m : {};
        for (const mk in m) setOwn(meta, mk, this.value(m[mk] as Json, mk));
        setOwn(out, k, meta);
      } else {
        setOwn(out, k, this.value(v as Json, k));
      }
    }
    return out as T;
  }

  /** Number of distinct strings and sub-trees seen, and of sub-trees whose hash another had first. */
  get size(): { strings: number; nodes: number; collisions: number } {
    let collisions = 0;
    for (const list of this.collisions.values()) collisions += list.length;
    return { strings: this.stringIds.size, nodes: this.nodeCount, collisions };
  }

  // What the last value() call found besides the node: its hash, its size, and whether it holds a
  // per-object value. Fields, not a returned record: value() runs once per node of every object.
  private lastHash = 0;
  private lastWeight = 0;
  private lastUnique = false;

  /**
   * The shared copy of `v`; lastHash/lastWeight/lastUnique describe it. A `unique` sub-tree holds a
   * per-object value (or is too large to be worth sharing): it gets no table entry and is not frozen.
   */
  private value(v: Json, field: string): unknown {
    if (v === null) return this.leaf(null, NULL_HASH, 1);
    switch (typeof v) {
      case 'string': {
        if (UNIQUE_FIELDS.has(field)) return this.uniqueLeaf(ownCopy(v));
        const id = this.stringId(v);
        return this.leaf(this.stringById[id], mix(0x9b05688c, id), 4);
      }
      case 'number':
        return this.leaf(v, mix(0x2545f491, numberHash(v)), 4);
      case 'boolean':
        return this.leaf(v, v ? TRUE_HASH : FALSE_HASH, 1);
      case 'object':
        break;
      default:
        // undefined, functions: not JSON; kept as they are and never shared.
        return this.uniqueLeaf(v);
    }
    let unique = false;
    let hash: number;
    let weight = 2;
    let node: Json[] | Record<string, Json>;
    if (Array.isArray(v)) {
      // Exactly sized: an array grown by push keeps room for 16 more elements, per array.
      const arr: Json[] = this.inPlace ? v : new Array<Json>(v.length);
      hash = mix(ARRAY_SEED, v.length);
      for (let i = 0; i < v.length; i++) {
        arr[i] = this.value(v[i]!, field) as Json;
        hash = mix(hash, this.lastHash);
        weight += this.lastWeight + 1;
        unique ||= this.lastUnique;
      }
      node = arr;
    } else {
      const rec: Record<string, Json> = this.inPlace ? v : {};
      hash = RECORD_SEED;
      for (const k in v) {
        setOwn(rec, k, this.value(v[k]!, k));
        hash = mix(mix(hash, this.stringId(k)), this.lastHash);
        weight += this.lastWeight + 5;
        unique ||= this.lastUnique;
      }
      node = rec;
    }
    this.lastWeight = weight;
    // A sub-tree holding a unique value, or a large one, is not shared: no table entry, not frozen.
    if (unique || weight > MAX_WEIGHT) {
      this.lastHash = 0;
      this.lastUnique = true;
      return node;
    }
    this.lastHash = hash;
    this.lastUnique = false;
    const hit = this.lookup(hash, node);
    if (hit !== undefined) return hit;
    Object.freeze(node);
    this.insert(hash, node);
    return node;
  }

  private leaf(node: unknown, hash: number, weight: number): unknown {
    this.lastHash = hash;
    this.lastWeight = weight;
    this.lastUnique = false;
    return node;
  }

  private uniqueLeaf(node: unknown): unknown {
    this.lastHash = 0;
    this.lastWeight = 0;
    this.lastUnique = true;
    return node;
  }

  private lookup(hash: number, node: Json[] | Record<string, Json>): unknown {
    const first = this.nodesByHash.get(hash);
    if (first === undefined) return undefined;
    if (sameNode(first, node)) return first;
    for (const other of this.collisions.get(hash) ?? []) if (sameNode(other, node)) return other;
    return undefined;
  }

  private insert(hash: number, node: unknown): void {
    this.nodeCount++;
    if (!this.nodesByHash.has(hash)) this.nodesByHash.set(hash, node);
    else {
      const list = this.collisions.get(hash);
      if (list) list.push(node);
      else this.collisions.set(hash, [node]);
    }
  }
}
