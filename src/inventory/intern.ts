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
  private readonly strings = new Map<string, { id: number; s: string }>();
  private readonly nodes = new Map<string, { id: number; node: unknown }>();
  private next = 1;

  string(s: string): string {
    return this.stringEntry(s).s;
  }

  private stringEntry(s: string): { id: number; s: string } {
    let e = this.strings.get(s);
    if (e === undefined) {
      const own = ownCopy(s);
      this.strings.set(own, (e = { id: this.next++, s: own }));
    }
    return e;
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
    return { strings: this.strings.size, nodes: this.nodes.size };
  }

  private value(v: Json, field: string): { key: string; node: unknown } {
    if (v === null) return { key: 'z', node: null };
    switch (typeof v) {
      case 'string': {
        if (UNIQUE_FIELDS.has(field)) return { key: `u${this.next++}`, node: ownCopy(v) };
        const e = this.stringEntry(v);
        return { key: `s${e.id}`, node: e.s };
      }
      case 'number':
        return { key: `n${v}`, node: v };
      case 'boolean':
        return { key: v ? 't' : 'f', node: v };
      case 'object':
        break;
      default:
        // undefined, functions: not JSON; kept as they are and never shared.
        return { key: `u${this.next++}`, node: v };
    }
    const parts: string[] = [];
    let node: Json[] | Record<string, Json>;
    if (Array.isArray(v)) {
      const arr: Json[] = [];
      for (const item of v) {
        const c = this.value(item, field);
        arr.push(c.node as Json);
        parts.push(c.key);
      }
      node = arr;
      parts.unshift('[');
    } else {
      const rec: Record<string, Json> = {};
      for (const [k, item] of Object.entries(v)) {
        const c = this.value(item, k);
        rec[k] = c.node as Json;
        parts.push(`${JSON.stringify(k)}:${c.key}`);
      }
      node = rec;
      parts.unshift('{');
    }
    const key = parts.join(',');
    // A sub-tree holding a unique value, or a large one, is not shared: no table entry, not frozen.
    if (key.length > MAX_KEY_LENGTH || /(^|[,:])u\d/.test(key)) return { key: `u${this.next++}`, node };
    const hit = this.nodes.get(key);
    if (hit) return { key: `o${hit.id}`, node: hit.node };
    const id = this.next++;
    Object.freeze(node);
    this.nodes.set(key, { id, node });
    return { key: `o${id}`, node };
  }
}
