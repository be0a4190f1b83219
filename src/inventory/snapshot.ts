import { CLUSTER_SCOPED_KINDS, isRecord, objectKey, type K8sObject, type SourceLocation } from '../model/k8s.js';
import { matchesSelector, type LabelSelector } from './selectors.js';
import type { ReleaseData } from '../analysis/kubernetes-releases.js';
import { describeProblems, validateObject, type ValidCache } from './validate.js';

/** Why a kind could not be read completely. Rules that need it report `unknown` with this reason. */
export interface KindGap {
  kind: string;
  reason: string;
  /** e.g. `forbidden`, `not-found`, `timeout`, `error`. */
  code: string;
}

/** A problem met while building the snapshot (bad file, failed LIST, unknown kind). */
export interface InventoryError {
  /** File path, or API resource such as `apps/v1 deployments`. */
  source: string;
  message: string;
  /** e.g. `parse`, `invalid-object`, `unknown-kind`, `forbidden`, `timeout`. */
  reason: string;
  line?: number;
}

/**
 * A namespaced kind the live source listed only in some namespaces (`--namespace` live scans):
 * `selection` = by design (only rules that read the object's own namespace read it), `forbidden` =
 * the cluster-wide LIST was refused (403) and each selected namespace was listed instead. Objects of
 * the kind in other namespaces are not in the snapshot: rules that may read them report `unknown`.
 */
export interface NamespaceLimit {
  kind: string;
  namespaces: string[];
  reason: 'selection' | 'forbidden';
}

export interface ClusterInfo {
  /** Server version like `v1.36.3`, when known. */
  version?: string;
  /** Name from config or flag, used in metrics and reports. */
  name?: string;
  /** `--target-version v1.N`: the version deprecated-API checks are judged against (an upgrade target). */
  targetVersion?: string;
}

export interface SnapshotInit {
  /** Objects to validate, or an `Admission` whose objects were validated as they were read (live pages). */
  objects: K8sObject[] | Admission;
  source: string;
  mode: 'offline' | 'live' | 'snapshot';
  gaps?: KindGap[];
  errors?: InventoryError[];
  cluster?: ClusterInfo;
  locations?: Map<K8sObject, SourceLocation>;
  takenAt?: string;
  /** Kinds the live source listed; offline every kind counts as fully listed. */
  listedKinds?: string[];
  /** Kubernetes release data from `--release-data FILE` (version rules fall back to the embedded table). */
  releaseData?: ReleaseData;
  /** Input left out because it is not Kubernetes (a Helm values.yaml, a workflow): listed, not an error. */
  skipped?: InventoryError[];
  /** Kinds listed only in some namespaces (live `--namespace` scans); absent = every listed kind cluster-wide. */
  namespaceLimits?: NamespaceLimit[];
}

/** What a scan adds to a snapshot from its flags: the version to judge against and release data. */
export interface ScanInputs {
  targetVersion?: string;
  releaseData?: ReleaseData;
}

const EMPTY: readonly K8sObject[] = Object.freeze([]);

/** Targets the engine makes up (one per cluster, one per tenant): never listed, never missing. */
const SYNTHETIC_KINDS: ReadonlySet<string> = new Set(['Cluster', 'Tenant']);

/**
 * The read-only, indexed view of everything a scan looks at. Nothing downstream of the
 * snapshot knows where it came from. Indexes are built once; lookups never loop over
 * all objects.
 */
export class Snapshot {
  readonly objects: readonly K8sObject[];
  readonly source: string;
  readonly mode: SnapshotInit['mode'];
  readonly gaps: readonly KindGap[];
  readonly errors: readonly InventoryError[];
  readonly cluster: ClusterInfo;
  readonly takenAt: string;
  readonly listedKinds: readonly string[] | undefined;
  readonly releaseData: ReleaseData | undefined;
  readonly skipped: readonly InventoryError[];
  readonly namespaceLimits: readonly NamespaceLimit[];

  private readonly kindIndex = new Map<string, K8sObject[]>();
  private readonly nsKindIndex = new Map<string, K8sObject[]>();
  private readonly nsIndex = new Map<string, K8sObject[]>();
  private readonly keyIndex = new Map<string, K8sObject>();
  private readonly uidIndex = new Map<string, K8sObject>();
  private readonly ownedIndex = new Map<string, K8sObject[]>();
  private readonly labelIndex = new Map<string, Map<string, K8sObject[]>>();
  private readonly locations: Map<K8sObject, SourceLocation>;
  private readonly gapByKind: Map<string, KindGap>;
  private readonly listedSet: ReadonlySet<string> | undefined;

  /**
   * Every object is validated first (src/inventory/validate.ts): an object with a field of the wrong
   * type is left out and becomes an `invalid-object` error, so nothing downstream meets a type it
   * did not expect. This is the one place offline, live and snapshot-file objects all pass through:
   * live objects were checked page by page as they were read (an `Admission`), the others are here.
   */
  constructor(init: SnapshotInit) {
    const given = init.locations ?? new Map<K8sObject, SourceLocation>();
    const admitted = init.objects instanceof Admission ? init.objects.admitted() : admitObjects(init.objects, given);
    this.objects = Object.freeze(admitted.objects);
    this.source = init.source;
    this.mode = init.mode;
    this.gaps = Object.freeze([...(init.gaps ?? [])]);
    this.errors = Object.freeze([...(init.errors ?? []), ...admitted.errors]);
    this.cluster = { ...(init.cluster ?? {}) };
    this.takenAt = init.takenAt ?? new Date().toISOString();
    this.listedKinds = init.listedKinds ? Object.freeze([...init.listedKinds]) : undefined;
    this.releaseData = init.releaseData;
    this.skipped = Object.freeze([...(init.skipped ?? [])]);
    this.namespaceLimits = Object.freeze((init.namespaceLimits ?? []).map((l) => ({ ...l, namespaces: [...l.namespaces] })));
    this.locations = admitted.locations;
    this.gapByKind = new Map(this.gaps.map((g) => [g.kind, g]));
    this.listedSet = this.listedKinds ? new Set(this.listedKinds) : undefined;
    for (const obj of this.objects) this.index(obj);
  }

  private index(obj: K8sObject): void {
    push(this.kindIndex, obj.kind, obj);
    const ns = obj.metadata.namespace;
    if (ns !== undefined && !CLUSTER_SCOPED_KINDS.has(obj.kind)) {
      push(this.nsIndex, ns, obj);
      push(this.nsKindIndex, `${ns}\u0000${obj.kind}`, obj);
    }
    this.keyIndex.set(objectKey(obj), obj);
    if (obj.metadata.uid) this.uidIndex.set(obj.metadata.uid, obj);
    for (const owner of obj.metadata.ownerReferences ?? []) {
      push(this.ownedIndex, owner.uid || `${owner.kind}/${ns ?? ''}/${owner.name}`, obj);
    }
    for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
      let byValue = this.labelIndex.get(k);
      if (!byValue) this.labelIndex.set(k, (byValue = new Map()));
      push(byValue, v, obj);
    }
  }

  /** The same inventory with a scan's `--target-version` / `--release-data` (a new snapshot; this one is unchanged). */
  withScanInputs(inputs: ScanInputs): Snapshot {
    if (inputs.targetVersion === undefined && inputs.releaseData === undefined) return this;
    const init: SnapshotInit = {
      objects: [...this.objects],
      source: this.source,
      mode: this.mode,
      gaps: [...this.gaps],
      errors: [...this.errors],
      cluster: { ...this.cluster, ...(inputs.targetVersion !== undefined ? { targetVersion: inputs.targetVersion } : {}) },
      locations: this.locations,
      takenAt: this.takenAt,
      skipped: [...this.skipped],
      ...(this.namespaceLimits.length > 0 ? { namespaceLimits: this.namespaceLimits.map((l) => ({ ...l, namespaces: [...l.namespaces] })) } : {}),
    };
    if (this.listedKinds) init.listedKinds = [...this.listedKinds];
    const releaseData = inputs.releaseData ?? this.releaseData;
    if (releaseData) init.releaseData = releaseData;
    return new Snapshot(init);
  }

  /** All objects of a kind (e.g. `Pod`, `ClusterRole`). */
  ofKind(kind: string): readonly K8sObject[] {
    return this.kindIndex.get(kind) ?? EMPTY;
  }

  /** All objects in a namespace, optionally of one kind. */
  inNamespace(namespace: string, kind?: string): readonly K8sObject[] {
    if (kind === undefined) return this.nsIndex.get(namespace) ?? EMPTY;
    return this.nsKindIndex.get(`${namespace}\u0000${kind}`) ?? EMPTY;
  }

  /** Names of namespaces that have a Namespace object or contain objects. */
  namespaceNames(): string[] {
    const names = new Set<string>(this.nsIndex.keys());
    for (const ns of this.ofKind('Namespace')) names.add(ns.metadata.name);
    return [...names].sort();
  }

  get(kind: string, name: string, namespace?: string): K8sObject | undefined {
    const key = namespace && !CLUSTER_SCOPED_KINDS.has(kind) ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
    return this.keyIndex.get(key);
  }

  namespace(name: string): K8sObject | undefined {
    return this.get('Namespace', name);
  }

  byUid(uid: string): K8sObject | undefined {
    return this.uidIndex.get(uid);
  }

  /** The controlling owner of an object, if it is in the snapshot. */
  controllerOf(obj: K8sObject): K8sObject | undefined {
    const refs = obj.metadata.ownerReferences ?? [];
    const ref = refs.find((r) => r.controller) ?? refs[0];
    if (!ref) return undefined;
    return (ref.uid ? this.byUid(ref.uid) : undefined) ?? this.get(ref.kind, ref.name, obj.metadata.namespace);
  }

  /** Objects whose ownerReferences name this object. */
  ownedBy(owner: K8sObject): readonly K8sObject[] {
    const byUid = owner.metadata.uid ? this.ownedIndex.get(owner.metadata.uid) : undefined;
    const byName = this.ownedIndex.get(`${owner.kind}/${owner.metadata.namespace ?? ''}/${owner.metadata.name}`);
    if (byUid && byName) return [...byUid, ...byName];
    return byUid ?? byName ?? EMPTY;
  }

  /**
   * Objects of `kind` whose labels match `selector`, limited to `namespace` when given.
   * Uses the label index: candidates come from the rarest matchLabels pair.
   */
  select(kind: string, selector: LabelSelector | undefined | null, namespace?: string): K8sObject[] {
    if (!selector) return [];
    const pool = this.candidates(kind, selector, namespace);
    return pool.filter(
      (o) =>
        o.kind === kind &&
        (namespace === undefined || o.metadata.namespace === namespace) &&
        matchesSelector(selector, o.metadata.labels),
    );
  }

  private candidates(kind: string, selector: LabelSelector, namespace?: string): readonly K8sObject[] {
    let best: readonly K8sObject[] | undefined;
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
      const hits = this.labelIndex.get(k)?.get(v) ?? EMPTY;
      if (!best || hits.length < best.length) best = hits;
    }
    return best ?? (namespace === undefined ? this.ofKind(kind) : this.inNamespace(namespace, kind));
  }

  /** The file and line an object was read from (offline scans). */
  locationOf(obj: K8sObject): SourceLocation | undefined {
    return this.locations.get(obj);
  }

  /**
   * Why a kind could not be read, or undefined when it was read completely. A live snapshot
   * knows which kinds it listed: a kind it never asked for (Secrets above all) is a gap too,
   * so a rule that needs it reports unknown instead of passing on an empty list.
   */
  gapFor(kind: string): KindGap | undefined {
    const gap = this.gapByKind.get(kind);
    if (gap || !this.listedSet || this.listedSet.has(kind) || SYNTHETIC_KINDS.has(kind) || this.ofKind(kind).length > 0) return gap;
    return {
      kind,
      code: 'not-listed',
      reason: kind === 'Secret' ? 'Palisade never reads Secrets' : `the live inventory does not list ${kind}`,
    };
  }
}

/** A batch validated by an `Admission` and not yet kept: what passed, and an error per object that did not. */
export interface CheckedBatch {
  readonly objects: readonly K8sObject[];
  readonly rejected: readonly { namespace: string | undefined; error: InventoryError }[];
  readonly [CHECKED]: true;
}

const CHECKED = Symbol('checked');

/**
 * Validation done while objects are read rather than all at once in the Snapshot: a live scan
 * checks each LIST page while the next one is on its way, so the Snapshot it builds at the end
 * only indexes. Batches are checked first and kept later, so a listing that fails (or starts over
 * after a 410) leaves neither its objects nor its errors behind. One validation cache serves every
 * batch: sub-trees the interner shares across pages are checked once.
 */
export class Admission {
  private readonly valid: ValidCache = new WeakMap();
  private readonly kept: K8sObject[] = [];
  private readonly errors: InventoryError[] = [];

  /** Validates a batch (nothing is kept until `keep`). */
  check(objects: readonly unknown[]): CheckedBatch {
    const passed: K8sObject[] = [];
    const rejected: { namespace: string | undefined; error: InventoryError }[] = [];
    for (const raw of objects) {
      const outcome = validateObject(raw, this.valid);
      if (outcome.ok) passed.push(outcome.object);
      else rejected.push({ namespace: namespaceOfRaw(raw), error: invalidObjectError(raw, outcome.problems, undefined) });
    }
    return { objects: passed, rejected, [CHECKED]: true };
  }

  keep(batch: CheckedBatch): void {
    for (const o of batch.objects) this.kept.push(o);
    for (const r of batch.rejected) this.errors.push(r.error);
  }

  /** Number of objects kept so far. */
  get size(): number {
    return this.kept.length;
  }

  /** Kept objects of one kind, in the order they were kept. */
  ofKind(kind: string): K8sObject[] {
    return this.kept.filter((o) => o.kind === kind);
  }

  /** What the Snapshot takes: the kept objects, no locations (live objects have none), the errors. */
  admitted(): { objects: K8sObject[]; locations: Map<K8sObject, SourceLocation>; errors: InventoryError[] } {
    return { objects: [...this.kept], locations: new Map(), errors: [...this.errors] };
  }
}

/** A checked batch without the objects and errors of these namespaces (a metadata-only list whose namespaces were listed again in full). */
export function withoutNamespaces(batch: CheckedBatch, namespaces: ReadonlySet<string>): CheckedBatch {
  return {
    objects: batch.objects.filter((o) => !namespaces.has(o.metadata.namespace ?? '')),
    rejected: batch.rejected.filter((r) => !namespaces.has(r.namespace ?? '')),
    [CHECKED]: true,
  };
}

/** Several checked batches as one, in order. */
export function joinBatches(batches: readonly CheckedBatch[]): CheckedBatch {
  return { objects: batches.flatMap((b) => b.objects), rejected: batches.flatMap((b) => b.rejected), [CHECKED]: true };
}

function namespaceOfRaw(raw: unknown): string | undefined {
  const meta = isRecord(raw) ? raw['metadata'] : undefined;
  const ns = isRecord(meta) ? meta['namespace'] : undefined;
  return typeof ns === 'string' ? ns : undefined;
}

function invalidObjectError(raw: unknown, problems: Parameters<typeof describeProblems>[0], loc: SourceLocation | undefined): InventoryError {
  const who = describeObject(raw);
  return {
    source: loc ? loc.file : who,
    ...(loc ? { line: loc.line } : {}),
    reason: 'invalid-object',
    message: `${loc ? `${loc.file}:${loc.line}: ` : ''}skipped ${who}: ${describeProblems(problems)}`,
  };
}

/** The objects that pass validation (with their locations) and one error per object that does not. */
export function admitObjects(
  objects: readonly unknown[],
  locations: ReadonlyMap<K8sObject, SourceLocation>,
): { objects: K8sObject[]; locations: Map<K8sObject, SourceLocation>; errors: InventoryError[] } {
  const kept: K8sObject[] = [];
  const errors: InventoryError[] = [];
  const locs = new Map(locations); // a copy: an object kept without its null fields is a new object, at the same place
  const valid: ValidCache = new WeakMap();
  for (const raw of objects) {
    const outcome = validateObject(raw, valid);
    const loc = locs.get(raw as K8sObject);
    if (outcome.ok) {
      kept.push(outcome.object);
      if (outcome.object !== raw && loc) locs.set(outcome.object, loc);
      continue;
    }
    errors.push(invalidObjectError(raw, outcome.problems, loc));
  }
  return { objects: kept, locations: locs, errors };
}

/** `Kind/namespace/name` of a possibly malformed object (`?` for a part that is not a string). */
function describeObject(raw: unknown): string {
  const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
  const o = rec(raw);
  const meta = rec(o['metadata']);
  const part = (v: unknown): string => (typeof v === 'string' && v !== '' ? (v.length > 80 ? `${v.slice(0, 80)}…` : v) : '?');
  const kind = part(o['kind']);
  const ns = meta['namespace'];
  return ns !== undefined && ns !== null && !CLUSTER_SCOPED_KINDS.has(kind) ? `${kind}/${part(ns)}/${part(meta['name'])}` : `${kind}/${part(meta['name'])}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
