/**
 * The compact result store: every rule result of a scan, filled as rules run.
 *
 * One result costs a few bytes in typed-array columns (rule index, object index, status,
 * severity, message index) instead of one JS object with repeated strings. Rule IDs, objects
 * and message texts are interned; evidence and waivers are kept only where a result has them
 * (findings, mostly). A `RuleResult` is made on demand when a reader asks for one, so a
 * streaming writer holds one result at a time, never all of them.
 *
 * Passes and not-applicable results stay recoverable (auditors ask for them): they are stored
 * like every other result, just cheaply.
 */
import { refString, type ObjectRef, type SourceLocation } from '../model/k8s.js';
import {
  SEVERITIES,
  STATUSES,
  resultNamespace,
  severityRank,
  type Evidence,
  type RuleResult,
  type Severity,
  type Status,
  type Waiver,
} from '../model/result.js';

/** One interned object: what every result on it shares. */
export interface StoredObject {
  ref: ObjectRef;
  tenant?: string;
  location?: SourceLocation;
}

const STATUS_CODE: Record<Status, number> = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<Status, number>;
const SEVERITY_CODE: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** A growable typed column. */
class Column<T extends Uint8Array | Uint16Array | Uint32Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    let size = this.data.length;
    while (size < n) size *= 2;
    const next = this.make(size);
    next.set(this.data);
    this.data = next;
  }
}

/** The keys results are sorted by in every report: severity (most severe first), rule, object, message. */
export function compareResults(a: RuleResult, b: RuleResult): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.rule.localeCompare(b.rule) ||
    refString(a.object).localeCompare(refString(b.object)) ||
    a.message.localeCompare(b.message)
  );
}

function objectKey(o: StoredObject): string {
  return `${o.ref.apiVersion}\u0000${refString(o.ref)}\u0000${o.tenant ?? ''}\u0000${o.location ? `${o.location.file}:${o.location.line}` : ''}`;
}

export class ResultStore implements Iterable<RuleResult> {
  private count = 0;
  /** True while store order is report order (after `canonicalize`, until the next push). */
  private canonical = false;
  private readonly ruleCol = new Column((n) => new Uint32Array(n));
  private readonly objectCol = new Column((n) => new Uint32Array(n));
  private readonly messageCol = new Column((n) => new Uint32Array(n));
  private readonly statusCol = new Column((n) => new Uint8Array(n));
  private readonly severityCol = new Column((n) => new Uint8Array(n));

  private readonly ruleIds: string[] = [];
  private readonly ruleIndex = new Map<string, number>();
  private readonly objects: StoredObject[] = [];
  private readonly objectIndex = new Map<string, number>();
  private readonly messages: string[] = [];
  private readonly messageIndex = new Map<string, number>();
  // Evidence as JSON text: a string per result instead of an object tree (a tenant reachable from
  // 199 others has 199 entries, ~6× smaller as text); parsed when a reader asks for it.
  private readonly evidence = new Map<number, string>();
  private readonly waivers = new Map<number, Waiver>();

  /** Results in store order, materialised one by one. */
  static of(results: Iterable<RuleResult>): ResultStore {
    const store = new ResultStore();
    for (const r of results) store.add(r);
    return store;
  }

  get length(): number {
    return this.count;
  }

  internRule(id: string): number {
    let i = this.ruleIndex.get(id);
    if (i === undefined) {
      i = this.ruleIds.length;
      this.ruleIds.push(id);
      this.ruleIndex.set(id, i);
    }
    return i;
  }

  internObject(o: StoredObject): number {
    const key = objectKey(o);
    let i = this.objectIndex.get(key);
    if (i === undefined) {
      i = this.objects.length;
      this.objects.push(o);
      this.objectIndex.set(key, i);
    }
    return i;
  }

  private internMessage(text: string): number {
    let i = this.messageIndex.get(text);
    if (i === undefined) {
      i = this.messages.length;
      this.messages.push(text);
      this.messageIndex.set(text, i);
    }
    return i;
  }

  /** The fast path the engine uses: indexes it interned once per rule and object. */
  push(rule: number, object: number, status: Status, severity: Severity, message: string, evidence?: readonly Evidence[], waiver?: Waiver): number {
    const i = this.count;
    const n = i + 1;
    for (const c of [this.ruleCol, this.objectCol, this.messageCol, this.statusCol, this.severityCol]) c.ensure(n);
    this.ruleCol.data[i] = rule;
    this.objectCol.data[i] = object;
    this.messageCol.data[i] = this.internMessage(message);
    this.statusCol.data[i] = STATUS_CODE[status];
    this.severityCol.data[i] = SEVERITY_CODE[severity];
    if (evidence && evidence.length > 0) this.evidence.set(i, JSON.stringify(evidence));
    if (waiver) this.waivers.set(i, waiver);
    this.count = n;
    this.canonical = false;
    return i;
  }

  /**
   * Puts the results in report order (compareResults), so that every reader, whether it sorts or
   * iterates, sees one order, and a result re-read from its JSON renders byte for byte the same.
   */
  canonicalize(): void {
    if (this.canonical) return;
    const perm = this.sortedIndexes();
    const cols = [this.ruleCol, this.objectCol, this.messageCol, this.statusCol, this.severityCol] as Column<Uint8Array | Uint16Array | Uint32Array>[];
    for (const c of cols) {
      const old = c.data;
      const next = old.slice(0, old.length) as typeof old;
      for (let k = 0; k < perm.length; k++) next[k] = old[perm[k]!]!;
      c.data = next;
    }
    const evidence = new Map<number, string>();
    const waivers = new Map<number, Waiver>();
    for (let k = 0; k < perm.length; k++) {
      const e = this.evidence.get(perm[k]!);
      if (e) evidence.set(k, e);
      const w = this.waivers.get(perm[k]!);
      if (w) waivers.set(k, w);
    }
    this.evidence.clear();
    for (const [k, e] of evidence) this.evidence.set(k, e);
    this.waivers.clear();
    for (const [k, w] of waivers) this.waivers.set(k, w);
    this.canonical = true;
  }

  add(r: RuleResult): number {
    const o: StoredObject = { ref: r.object };
    if (r.tenant !== undefined) o.tenant = r.tenant;
    if (r.location) o.location = r.location;
    return this.push(this.internRule(r.rule), this.internObject(o), r.status, r.severity, r.message, r.evidence, r.waiver);
  }

  /** Every result of `other` after this store's own (probe results joining a scan). */
  append(other: Iterable<RuleResult>): void {
    for (const r of other) this.add(r);
  }

  // ------------------------------------------------------------------ cheap accessors

  ruleOf(i: number): string {
    return this.ruleIds[this.ruleCol.data[i]!]!;
  }
  statusOf(i: number): Status {
    return STATUSES[this.statusCol.data[i]!]!;
  }
  severityOf(i: number): Severity {
    return SEVERITIES[this.severityCol.data[i]!]!;
  }
  messageOf(i: number): string {
    return this.messages[this.messageCol.data[i]!]!;
  }
  objectOf(i: number): StoredObject {
    return this.objects[this.objectCol.data[i]!]!;
  }
  objectIndexOf(i: number): number {
    return this.objectCol.data[i]!;
  }
  ruleIndexOf(i: number): number {
    return this.ruleCol.data[i]!;
  }
  /** Result i's evidence (parsed afresh on each call: readers take it once per result). */
  evidenceOf(i: number): readonly Evidence[] {
    const text = this.evidence.get(i);
    return text === undefined ? [] : (JSON.parse(text) as Evidence[]);
  }
  waiverOf(i: number): Waiver | undefined {
    return this.waivers.get(i);
  }
  namespaceOf(i: number): string | undefined {
    return resultNamespace({ object: this.objectOf(i).ref });
  }
  tenantOf(i: number): string | undefined {
    return this.objectOf(i).tenant;
  }
  /** True for a result fully described by rule, status, severity, message and object: no evidence, no waiver. */
  isPlain(i: number): boolean {
    return !this.evidence.has(i) && !this.waivers.has(i);
  }

  /** Turns result i into a waived one (waivers apply after the rules ran). */
  waive(i: number, waiver: Waiver): void {
    this.statusCol.data[i] = STATUS_CODE.waived;
    this.waivers.set(i, waiver);
  }

  get ruleCount(): number {
    return this.ruleIds.length;
  }
  ruleId(ruleIndex: number): string {
    return this.ruleIds[ruleIndex]!;
  }
  get objectCount(): number {
    return this.objects.length;
  }
  storedObject(objectIndex: number): StoredObject {
    return this.objects[objectIndex]!;
  }

  // ------------------------------------------------------------------ materialised reads

  /** Result i as a RuleResult (a fresh object; the store is not changed through it). */
  at(i: number): RuleResult {
    const o = this.objectOf(i);
    // Keys in the order results have always been written in.
    const r: RuleResult = {
      rule: this.ruleOf(i),
      severity: this.severityOf(i),
      status: this.statusOf(i),
      object: o.ref,
      message: this.messageOf(i),
      evidence: this.evidenceOf(i) as Evidence[],
    };
    if (o.tenant !== undefined) r.tenant = o.tenant;
    if (o.location) r.location = o.location;
    const w = this.waivers.get(i);
    if (w) r.waiver = w;
    return r;
  }

  *[Symbol.iterator](): Iterator<RuleResult> {
    for (let i = 0; i < this.count; i++) yield this.at(i);
  }

  /** Indexes of the results that `keep` accepts, in store order. */
  indexes(keep?: (i: number) => boolean): Uint32Array {
    const out = new Uint32Array(this.count);
    let n = 0;
    for (let i = 0; i < this.count; i++) if (!keep || keep(i)) out[n++] = i;
    return out.subarray(0, n);
  }

  /** Results with one of these statuses, materialised (findings are a small part of a scan). */
  withStatus(...statuses: Status[]): RuleResult[] {
    return [...this.indexes(this.statusIs(...statuses))].map((i) => this.at(i));
  }

  filter(pred: (r: RuleResult) => boolean): RuleResult[] {
    const out: RuleResult[] = [];
    for (const r of this) if (pred(r)) out.push(r);
    return out;
  }
  some(pred: (r: RuleResult) => boolean): boolean {
    for (const r of this) if (pred(r)) return true;
    return false;
  }
  find(pred: (r: RuleResult) => boolean): RuleResult | undefined {
    for (const r of this) if (pred(r)) return r;
    return undefined;
  }
  map<T>(fn: (r: RuleResult) => T): T[] {
    const out: T[] = [];
    for (const r of this) out.push(fn(r));
    return out;
  }
  /** Does any result have this status? (No materialisation.) */
  hasStatus(status: Status): boolean {
    const code = STATUS_CODE[status];
    for (let i = 0; i < this.count; i++) if (this.statusCol.data[i] === code) return true;
    return false;
  }
  /** Does any result belong to a rule whose ID passes `test`? */
  hasRuleWhere(test: (id: string) => boolean): boolean {
    const wanted = new Set(this.ruleIds.flatMap((id, i) => (test(id) ? [i] : [])));
    if (wanted.size === 0) return false;
    for (let i = 0; i < this.count; i++) if (wanted.has(this.ruleCol.data[i]!)) return true;
    return false;
  }

  // ------------------------------------------------------------------ report order

  /**
   * Indexes in report order (compareResults): sorted on integer ranks of rule IDs, objects and
   * messages, so a million results sort without making a million objects.
   */
  sortedIndexes(keep?: (i: number) => boolean): Uint32Array {
    const idx = this.indexes(keep);
    if (this.canonical) return idx;
    const ruleRank = ranks(this.ruleIds);
    const objectRank = ranks(this.objects.map((o) => refString(o.ref)));
    const messageRank = ranks(this.messages);
    const sev = this.severityCol.data;
    const rule = this.ruleCol.data;
    const obj = this.objectCol.data;
    const msg = this.messageCol.data;
    // Severity codes follow SEVERITIES (critical first), so ascending code = most severe first.
    return idx.sort(
      (a, b) =>
        sev[a]! - sev[b]! ||
        ruleRank[rule[a]!]! - ruleRank[rule[b]!]! ||
        objectRank[obj[a]!]! - objectRank[obj[b]!]! ||
        messageRank[msg[a]!]! - messageRank[msg[b]!]! ||
        a - b,
    );
  }

  /** Results in report order, made one at a time. */
  *sorted(keep?: (i: number) => boolean): Generator<RuleResult> {
    for (const i of this.sortedIndexes(keep)) yield this.at(i);
  }

  /** Indexes in report order, bucketed by rule ID (rules in ID order). */
  sortedByRule(keep?: (i: number) => boolean): [string, Uint32Array][] {
    const sorted = this.sortedIndexes(keep);
    const per = new Uint32Array(this.ruleIds.length);
    for (const i of sorted) per[this.ruleCol.data[i]!]!++;
    const buckets = [...per].map((n) => ({ list: new Uint32Array(n), n: 0 }));
    for (const i of sorted) {
      const b = buckets[this.ruleCol.data[i]!]!;
      b.list[b.n++] = i;
    }
    return this.ruleIds
      .map((id, r): [string, Uint32Array] => [id, buckets[r]!.list])
      .filter(([, list]) => list.length > 0)
      .sort(([a], [b]) => a.localeCompare(b));
  }

  /** Counts of the given statuses among these indexes. */
  countStatus(indexes: Iterable<number>, ...statuses: Status[]): number {
    const codes = new Set(statuses.map((s) => STATUS_CODE[s]));
    let n = 0;
    for (const i of indexes) if (codes.has(this.statusCol.data[i]!)) n++;
    return n;
  }

  /** A status filter for `sorted` / `indexes`. */
  statusIs(...statuses: Status[]): (i: number) => boolean {
    const codes = new Set(statuses.map((s) => STATUS_CODE[s]));
    return (i) => codes.has(this.statusCol.data[i]!);
  }
}

/** The order `localeCompare` gives, as one reusable collator (much cheaper per comparison). */
const collate = new Intl.Collator(undefined).compare;

/** rank[i] = position of values[i] in sorted order (equal values share a rank). */
function ranks(values: readonly string[], cmp: (a: string, b: string) => number = collate): Uint32Array {
  const order = values.map((_, i) => i).sort((a, b) => cmp(values[a]!, values[b]!));
  const rank = new Uint32Array(values.length);
  let r = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && cmp(values[order[k - 1]!]!, values[order[k]!]!) !== 0) r = k;
    rank[order[k]!] = r;
  }
  return rank;
}
