import { stat } from 'node:fs/promises';
import { loadManifests } from '../inventory/files.js';
import { Snapshot } from '../inventory/snapshot.js';
import { readSnapshotFile } from '../inventory/snapshot-file.js';
import { IncompleteError, InputError, UsageError, type Io } from './io.js';

/** Where a scan or snapshot reads from: files, a saved snapshot, or (neither given) the live cluster. */
export interface SourceOptions {
  from: string[];
  snapshot?: string;
  kubeconfig?: string;
  context?: string;
  clusterName?: string;
  /** Read kubelet configuration through the API server proxy (needs nodes/proxy: effectively exec on nodes). */
  allowNodesProxy?: boolean;
}

/** Builds the snapshot every command works on. Problems with inputs the user named are InputErrors (exit 2). */
export async function acquireSnapshot(opts: SourceOptions, io: Io): Promise<Snapshot> {
  if (opts.from.length > 0 && opts.snapshot) throw new UsageError('give either --from or --snapshot, not both');
  if ((opts.from.length > 0 || opts.snapshot) && (opts.kubeconfig || opts.context)) {
    throw new UsageError('--kubeconfig and --context apply to live scans only (no --from / --snapshot)');
  }
  if (opts.snapshot) return readSnapshotFile(opts.snapshot);
  if (opts.from.length > 0) return filesSnapshot(opts.from, io);
  return liveSnapshot(opts, io);
}

async function filesSnapshot(paths: string[], io: Io): Promise<Snapshot> {
  for (const p of paths) {
    if (p === '-') continue;
    try {
      await stat(p);
    } catch (err) {
      throw new InputError(`--from ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(err)}`);
    }
  }
  const loaded = await loadManifests(paths);
  for (const e of loaded.errors) io.stderr.write(`palisade: ${e.message}\n`);
  return new Snapshot({
    objects: loaded.objects,
    locations: loaded.locations,
    errors: loaded.errors,
    source: paths.join(','),
    mode: 'offline',
  });
}

async function liveSnapshot(opts: SourceOptions, io: Io): Promise<Snapshot> {
  // Loaded lazily so offline scans never load the Kubernetes client.
  const mod = await import('../inventory/live.js');
  try {
    return await mod.liveSnapshot({
      ...(opts.kubeconfig !== undefined ? { kubeconfig: opts.kubeconfig } : {}),
      ...(opts.context !== undefined ? { context: opts.context } : {}),
      ...(opts.clusterName !== undefined ? { clusterName: opts.clusterName } : {}),
      ...(opts.allowNodesProxy ? { allowNodesProxy: true } : {}),
      onProgress: (line) => io.stderr.write(`palisade: ${line}\n`),
    });
  } catch (err) {
    // The live source throws before listing anything: an unreachable server is an incomplete
    // scan (3, worth retrying); a bad kubeconfig, context or credentials is a config error (2).
    const message = err instanceof Error ? err.message : String(err);
    if (/^cannot reach /.test(message)) throw new IncompleteError(`cannot scan the cluster: ${message}`);
    throw new InputError(`cannot scan the cluster: ${message}`);
  }
}
