/**
 * The ScanResult JSON (schema 2.0, docs/scan-result.schema.json), streamed from the result store.
 *
 * Every result is present. Results with evidence, a waiver, or a status other than pass and
 * not-applicable are listed in `results` in their full form, one per line. Plain passes and
 * not-applicable results (no evidence, no waiver) are grouped in `compactResults` by rule,
 * status, severity and message, naming their objects by index into `objects`: a pass costs a few
 * bytes instead of a few hundred. `expandResults` (src/report/load.ts) turns the groups back into
 * results. The order is canonical (report order), so re-rendering a loaded result gives the same
 * bytes.
 */
import { refString } from '../model/k8s.js';
import type { RuleResult, Severity, Status } from '../model/result.js';
import type { ResultStore, StoredObject } from '../findings/store.js';
import type { ScanResult } from './model.js';
import { jsonChunks, streamedArray } from './stream.js';

/** A group of plain results that differ only in their object. */
export interface CompactResultGroup {
  rule: string;
  status: Extract<Status, 'pass' | 'not-applicable'>;
  severity: Severity;
  message: string;
  /** Indexes into `objects`, ascending. */
  objects: number[];
}

/** An entry of the `objects` table. */
export interface ObjectEntry {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  tenant?: string;
  location?: { file: string; line: number };
}

export function isCompactable(store: ResultStore, i: number): boolean {
  const s = store.statusOf(i);
  return (s === 'pass' || s === 'not-applicable') && store.isPlain(i);
}

function objectEntry(o: StoredObject): ObjectEntry {
  const e: ObjectEntry = { apiVersion: o.ref.apiVersion, kind: o.ref.kind, name: o.ref.name };
  if (o.ref.namespace !== undefined) e.namespace = o.ref.namespace;
  if (o.tenant !== undefined) e.tenant = o.tenant;
  if (o.location) e.location = { file: o.location.file, line: o.location.line };
  return e;
}

function objectOrderKey(o: StoredObject): string {
  return `${refString(o.ref)}\u0000${o.ref.apiVersion}\u0000${o.tenant ?? ''}\u0000${o.location?.file ?? ''}\u0000${o.location?.line ?? ''}`;
}

const collator = new Intl.Collator(undefined);

/**
 * The compact groups and the object table they index, in canonical order. Holds one index per
 * compacted result (4 bytes), never the results.
 */
export function compactParts(store: ResultStore): { groups: () => Generator<CompactResultGroup>; objects: () => Generator<ObjectEntry> } {
  // Objects used by compact results, numbered in report order.
  const used = new Uint8Array(store.objectCount);
  const compact = store.sortedIndexes((i) => isCompactable(store, i));
  for (const i of compact) used[store.objectIndexOf(i)] = 1;
  const usedIds: number[] = [];
  for (let o = 0; o < used.length; o++) if (used[o]) usedIds.push(o);
  const keys = usedIds.map((o) => objectOrderKey(store.storedObject(o)));
  const order = usedIds.map((_, k) => k).sort((a, b) => collator.compare(keys[a]!, keys[b]!));
  const tableIndex = new Int32Array(store.objectCount).fill(-1);
  order.forEach((k, pos) => (tableIndex[usedIds[k]!] = pos));

  function* groups(): Generator<CompactResultGroup> {
    // `compact` is in report order (severity, rule, object, message); a group is a (rule,
    // status, severity, message) run, gathered across objects.
    const byKey = new Map<string, CompactResultGroup>();
    let currentRule = -1;
    const flush = function* (): Generator<CompactResultGroup> {
      const list = [...byKey.values()].sort(
        (a, b) => collator.compare(a.status, b.status) || collator.compare(a.message, b.message),
      );
      for (const g of list) {
        g.objects.sort((a, b) => a - b);
        yield g;
      }
      byKey.clear();
    };
    for (const i of compact) {
      const rule = store.ruleIndexOf(i);
      const sevRule = `${store.severityOf(i)}\u0000${rule}`;
      if (rule !== currentRule) {
        yield* flush();
        currentRule = rule;
      }
      const status = store.statusOf(i) as CompactResultGroup['status'];
      const message = store.messageOf(i);
      const key = `${sevRule}\u0000${status}\u0000${message}`;
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { rule: store.ruleOf(i), status, severity: store.severityOf(i), message, objects: [] }));
      g.objects.push(tableIndex[store.objectIndexOf(i)]!);
    }
    yield* flush();
  }
  function* objects(): Generator<ObjectEntry> {
    for (const k of order) yield objectEntry(store.storedObject(usedIds[k]!));
  }
  return { groups, objects };
}

/** Keys in the order the document has always had; the three result parts take the place of 1.0's `results`. */
export function* renderJson(result: ScanResult): Generator<string> {
  const store = result.results;
  const { groups, objects } = compactParts(store);
  const full = function* (): Generator<RuleResult> {
    for (const r of store.sorted((i) => !isCompactable(store, i))) yield r;
  };
  const { results: _results, ...rest } = result;
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (k === 'errors') {
      doc['results'] = streamedArray(full(), { oneLine: true });
      doc['compactResults'] = streamedArray(groups(), { oneLine: true });
      doc['objects'] = streamedArray(objects(), { oneLine: true });
    }
    doc[k] = v;
  }
  yield* jsonChunks(doc);
  yield '\n';
}

/** The whole document as one string: tests and small results; writers stream `renderJson`. */
export function renderJsonString(result: ScanResult): string {
  return [...renderJson(result)].join('');
}
