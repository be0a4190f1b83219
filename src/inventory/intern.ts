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

/** Sub-trees with longer keys are seldom equal to another (a whole pod spec): not entered in the table. */
const MAX_KEY_LENGTH = 400;

/** A string of its own: parsers return slices of the whole input, and keeping a slice keeps the input. */
function ownCopy(s: string): string {
  return s.length > 12 ? Buffer.from(s, 'utf8').toString('utf8') : s;
}

/** Interns one load's objects; drop it when the load is done (its tables are only for lookups). */
export class Interner {
  // Text → id maps plus id-indexed arrays: no entry object per distinct value (762k sub-trees at 95k objects).
  private readonly stringIds = new Map<string, number>();
  private readonly stringById: string[] = [];
  private readonly nodeIds = new Map<string, number>();
  private readonly nodeById: unknown[] = [];

  string(s: string): string {
    return this.stringById[this.stringId(s)]!;
  }

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
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'metadata' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const meta: Record<string, unknown> = {};
        for (const [mk, mv] of Object.entries(v)) meta[mk] = this.value(mv as Json, mk).node;
        out[k] = meta;
      } else {
        out[k] = this.value(v as Json, k).node;
      }
    }
    return out as T;
  }

  /** Number of distinct strings and sub-trees seen (for benchmarks). */
  get size(): { strings: number; nodes: number } {
    return { strings: this.stringIds.size, nodes: this.nodeIds.size };
  }

  /**
   * The shared copy of `v` and its table key. Keys are built from ids (base 36) rather than the
   * text: the table is the largest thing alive while a big cluster is listed. `unique` marks a
   * sub-tree that holds a per-object value (or is too large to be worth sharing): it gets no entry.
   */
  private value(v: Json, field: string): { key: string; node: unknown; unique: boolean } {
    if (v === null) return { key: 'z', node: null, unique: false };
    switch (typeof v) {
      case 'string': {
        if (UNIQUE_FIELDS.has(field)) return { key: '', node: ownCopy(v), unique: true };
        const id = this.stringId(v);
        return { key: `s${id.toString(36)}`, node: this.stringById[id], unique: false };
      }
      case 'number':
        return { key: `n${v}`, node: v, unique: false };
      case 'boolean':
        return { key: v ? 't' : 'f', node: v, unique: false };
      case 'object':
        break;
      default:
        // undefined, functions: not JSON; kept as they are and never shared.
        return { key: '', node: v, unique: true };
    }
    let unique = false;
    let key: string;
    let node: Json[] | Record<string, Json>;
    if (Array.isArray(v)) {
      // Exactly sized: an array grown by push keeps room for 16 more elements, per array.
      const arr: Json[] = new Array<Json>(v.length);
      const parts = new Array<string>(v.length);
      for (let i = 0; i < v.length; i++) {
        const c = this.value(v[i]!, field);
        arr[i] = c.node as Json;
        parts[i] = c.key;
        unique ||= c.unique;
      }
      node = arr;
      key = unique ? '' : `[${parts.join(',')}]`;
    } else {
      const rec: Record<string, Json> = {};
      const parts: string[] = [];
      for (const k in v) {
        const c = this.value(v[k]!, k);
        rec[k] = c.node as Json;
        if (!unique) parts.push(`${this.stringId(k).toString(36)}:${c.key}`);
        unique ||= c.unique;
      }
      node = rec;
      key = unique ? '' : `{${parts.join(',')}}`;
    }
    // A sub-tree holding a unique value, or a large one, is not shared: no table entry, not frozen.
    if (unique || key.length > MAX_KEY_LENGTH) return { key: '', node, unique: true };
    const hit = this.nodeIds.get(key);
    if (hit !== undefined) return { key: `o${hit.toString(36)}`, node: this.nodeById[hit], unique: false };
    const id = this.nodeById.length;
    Object.freeze(node);
    this.nodeById.push(node);
    this.nodeIds.set(key, id);
    return { key: `o${id.toString(36)}`, node, unique: false };
  }
}
