import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip, gunzip, type ZlibOptions } from 'node:zlib';
import { isK8sObject, isRecord, type K8sObject, type SourceLocation } from '../model/k8s.js';
import { Snapshot, type ClusterInfo, type InventoryError, type KindGap, type NamespaceLimit } from './snapshot.js';

const gunzipAsync = promisify(gunzip) as (buf: Uint8Array, opts: ZlibOptions) => Promise<Buffer>;

/** Default cap on a snapshot's size after decompression: 512 MiB (V8's longest string is about 512 MiB anyway). */
export const DEFAULT_MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export const SNAPSHOT_API_VERSION = 'palisade.dev/v1alpha1';
export const SNAPSHOT_KIND = 'Snapshot';

/** The on-disk form of a Snapshot (`palisade snapshot --output FILE`, `palisade scan --snapshot FILE`). */
export interface SnapshotDocument {
  apiVersion: typeof SNAPSHOT_API_VERSION;
  kind: typeof SNAPSHOT_KIND;
  takenAt: string;
  /** Where the objects came from (paths or API server URL). */
  source: string;
  /** How the objects were collected. */
  mode: Snapshot['mode'];
  cluster: ClusterInfo;
  objects: K8sObject[];
  gaps: KindGap[];
  errors: InventoryError[];
  listedKinds?: string[];
  /** Kinds a live `--namespace` scan listed only in some namespaces (absent: all cluster-wide). */
  namespaceLimits?: NamespaceLimit[];
  /** File and line of each object (same order as `objects`), for offline sources; null when unknown. */
  locations?: (SourceLocation | null)[];
}

/** A snapshot file that cannot be used: unreadable, not JSON, wrong kind or version, bad shape. */
export class SnapshotFileError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`snapshot ${path}: ${detail}`);
    this.name = 'SnapshotFileError';
  }
}

export function toSnapshotDocument(snapshot: Snapshot): SnapshotDocument {
  const objects = [...snapshot.objects];
  const locations = objects.map((o) => snapshot.locationOf(o) ?? null);
  const doc: SnapshotDocument = {
    apiVersion: SNAPSHOT_API_VERSION,
    kind: SNAPSHOT_KIND,
    takenAt: snapshot.takenAt,
    source: snapshot.source,
    mode: snapshot.mode,
    cluster: { ...snapshot.cluster },
    objects,
    gaps: [...snapshot.gaps],
    errors: [...snapshot.errors],
  };
  if (snapshot.listedKinds) doc.listedKinds = [...snapshot.listedKinds];
  if (snapshot.namespaceLimits.length > 0) doc.namespaceLimits = snapshot.namespaceLimits.map((l) => ({ ...l, namespaces: [...l.namespaces] }));
  if (locations.some((l) => l !== null)) doc.locations = locations;
  return doc;
}

/**
 * Writes the snapshot as JSON; gzip-compressed when the path ends in `.gz`. Streamed object by
 * object (the bytes are exactly `JSON.stringify(toSnapshotDocument(snapshot))`), so a 100k-object
 * snapshot never exists as one string.
 */
export async function writeSnapshotFile(snapshot: Snapshot, path: string): Promise<void> {
  const chunks = snapshotJsonChunks(toSnapshotDocument(snapshot));
  const out = createWriteStream(path);
  await (path.endsWith('.gz') ? pipeline(Readable.from(chunks), createGzip(), out) : pipeline(Readable.from(chunks), out));
}

/** The JSON text of a snapshot document, in pieces of about 1 MiB (top-level lists item by item). */
export function* snapshotJsonChunks(doc: SnapshotDocument): Generator<string> {
  const CHUNK = 1 << 20;
  let buf = '{';
  let first = true;
  for (const [key, value] of Object.entries(doc) as [string, unknown][]) {
    if (value === undefined) continue;
    buf += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(value)) {
      buf += JSON.stringify(value);
      continue;
    }
    buf += '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      buf += (i > 0 ? ',' : '') + (item === undefined ? 'null' : JSON.stringify(item));
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
      }
    }
    buf += ']';
  }
  yield `${buf}}`;
}

/**
 * Reads a snapshot file (gzip detected by its magic bytes, whatever the extension).
 * The Snapshot keeps the original mode (rules that differ between offline and live input must
 * judge a replay exactly like the original), takenAt, cluster, gaps and errors; its source names
 * the file. Callers that report the mode say `snapshot` themselves.
 */
export async function readSnapshotFile(path: string, opts: { maxBytes?: number } = {}): Promise<Snapshot> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  const tooBig = (what: string): SnapshotFileError =>
    new SnapshotFileError(path, `${what} is over the snapshot size limit of ${mib(maxBytes)} (raise it with --max-snapshot-size or limits.maxSnapshotBytes)`);
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes) throw tooBig(`the file (${mib(size)})`);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof SnapshotFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotFileError(path, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // Inflation stops at the cap: a small file that inflates to gigabytes never gets there.
      bytes = await gunzipAsync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig('the decompressed content');
      throw new SnapshotFileError(path, `corrupt gzip data (${(err as Error).message})`);
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new SnapshotFileError(path, `not valid JSON (${(err as Error).message}); is this a file written by "palisade snapshot"?`);
  }
  return fromSnapshotDocument(validateDocument(raw, path), path);
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

function validateDocument(raw: unknown, path: string): SnapshotDocument {
  if (!isRecord(raw)) throw new SnapshotFileError(path, 'not a JSON object');
  if (raw['kind'] !== SNAPSHOT_KIND) throw new SnapshotFileError(path, `kind is ${JSON.stringify(raw['kind'])}, expected "${SNAPSHOT_KIND}"`);
  if (raw['apiVersion'] !== SNAPSHOT_API_VERSION) {
    throw new SnapshotFileError(
      path,
      `unsupported apiVersion ${JSON.stringify(raw['apiVersion'])}; this palisade reads ${SNAPSHOT_API_VERSION} (take the snapshot again with this version)`,
    );
  }
  const objects = raw['objects'];
  if (!Array.isArray(objects)) throw new SnapshotFileError(path, '"objects" must be a list');
  // Each object's shape is checked by the Snapshot (an invalid one is left out and reported, the rest is scanned).
  for (const key of ['gaps', 'errors', 'namespaceLimits'] as const) {
    if (raw[key] !== undefined && !Array.isArray(raw[key])) throw new SnapshotFileError(path, `"${key}" must be a list`);
  }
  const mode = raw['mode'];
  if (mode !== 'offline' && mode !== 'live' && mode !== 'snapshot') throw new SnapshotFileError(path, `"mode" must be offline, live or snapshot`);
  if (typeof raw['takenAt'] !== 'string' || Number.isNaN(Date.parse(raw['takenAt']))) {
    throw new SnapshotFileError(path, '"takenAt" must be an ISO date-time');
  }
  const locations = raw['locations'];
  if (locations !== undefined && (!Array.isArray(locations) || locations.length !== objects.length)) {
    throw new SnapshotFileError(path, '"locations" must be a list as long as "objects"');
  }
  return raw as unknown as SnapshotDocument;
}

function fromSnapshotDocument(doc: SnapshotDocument, path: string): Snapshot {
  const locations = new Map<K8sObject, SourceLocation>();
  doc.locations?.forEach((loc, i) => {
    const obj = doc.objects[i];
    if (loc && obj) locations.set(obj, loc);
  });
  return new Snapshot({
    objects: doc.objects,
    source: `${path} (${doc.mode} ${doc.source})`,
    mode: doc.mode,
    gaps: doc.gaps ?? [],
    errors: doc.errors ?? [],
    cluster: isRecord(doc.cluster) ? doc.cluster : {},
    takenAt: doc.takenAt,
    locations,
    ...(doc.listedKinds ? { listedKinds: doc.listedKinds } : {}),
    ...(doc.namespaceLimits ? { namespaceLimits: doc.namespaceLimits.filter(isNamespaceLimit) } : {}),
  });
}

function isNamespaceLimit(l: unknown): l is NamespaceLimit {
  return (
    isRecord(l) &&
    typeof l['kind'] === 'string' &&
    Array.isArray(l['namespaces']) &&
    l['namespaces'].every((n) => typeof n === 'string') &&
    (l['reason'] === 'selection' || l['reason'] === 'forbidden')
  );
}
