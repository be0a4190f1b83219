import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeletConfig, LimitsConfig } from '../config/types.js';
import { DEFAULT_NAMESPACE } from '../inventory/default-namespace.js';
import { loadManifests } from '../inventory/files.js';
import type { KubeletTls } from '../inventory/kubelet.js';
import type { NamespaceScope } from '../inventory/live.js';
import { Snapshot } from '../inventory/snapshot.js';
import { readSnapshotFile } from '../inventory/snapshot-file.js';
import { parseReleaseData, type ReleaseData } from '../analysis/kubernetes-releases.js';
import { parseSize } from './args.js';
import { IncompleteError, InputError, UsageError, type Io } from './io.js';

/** Where a scan or snapshot reads from: files, a saved snapshot, or (neither given) the live cluster. */
export interface SourceOptions {
  from: string[];
  /**
   * With --from: the namespace of namespaced objects that name none (kubectl's rule; default
   * `default`): the `--namespace` value when exactly one is given (more select several namespaces).
   */
  namespace?: string;
  snapshot?: string;
  kubeconfig?: string;
  context?: string;
  clusterName?: string;
  /** Read kubelet configuration through the API server proxy (needs nodes/proxy: effectively exec on nodes). */
  allowNodesProxy?: boolean;
  /** Verify kubelet serving certificates against this PEM CA bundle instead of the cluster CA. */
  kubeletCaFile?: string;
  /** Do not verify kubelet serving certificates (explicit opt-in; warned about and recorded). */
  kubeletInsecureTls?: boolean;
  /** `--target-version v1.N`: judge deprecated API versions against this release (an upgrade target). */
  targetVersion?: string;
  /** `--release-data FILE`: Kubernetes release data (JSON) instead of the embedded table. */
  releaseData?: string;
  /** Largest manifest document read (--max-object-size, limits.maxObjectBytes). */
  maxObjectBytes?: number;
  /** Largest snapshot file after decompression (--max-snapshot-size, limits.maxSnapshotBytes). */
  maxSnapshotBytes?: number;
  /** YAML alias uses per document (limits.maxYamlAliases). */
  maxYamlAliases?: number;
  /** `--stdin-filename NAME`: the file name stdin's objects (`--from -`) are reported at. */
  stdinName?: string;
  /** `--helm-values FILE` (repeatable): values for every Helm chart directory under --from. */
  helmValues?: string[];
  /** `--helm-bin PATH`: the helm that renders chart directories (default: helm on PATH). */
  helmBin?: string;
  /** Live `--namespace` scans: what to list per namespace (src/cli/selection.ts liveNamespaceScope). */
  namespaceScope?: NamespaceScope;
}

/** The --help lines of LIMIT_OPTIONS. */
export const LIMIT_USAGE = `
  --max-object-size SIZE  Skip (with an error) a manifest document larger than SIZE (default 1.5Mi, as
                       etcd; K/M/G/Ki/Mi/Gi suffixes); palisade.yaml limits.maxObjectBytes
  --max-snapshot-size SIZE  Refuse a snapshot file larger than SIZE after decompression (default
                       512Mi); palisade.yaml limits.maxSnapshotBytes`;

/** Input limits (flags win over palisade.yaml's `limits`). */
export const LIMIT_OPTIONS = {
  'max-object-size': { type: 'string' },
  'max-snapshot-size': { type: 'string' },
} as const;

/** Where to read from, shared by scan, serve, snapshot and probes-rbac (snapshot rejects --snapshot itself). */
export const SOURCE_OPTIONS = {
  from: { type: 'string', multiple: true },
  snapshot: { type: 'string' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  'target-version': { type: 'string' },
  'release-data': { type: 'string' },
  namespace: { type: 'string', short: 'n', multiple: true },
  'helm-values': { type: 'string', multiple: true },
  'helm-bin': { type: 'string' },
  ...LIMIT_OPTIONS,
} as const;

/** The --help lines of the Helm options (scan, snapshot). */
export const HELM_USAGE = `
  --helm-values FILE   Values for every Helm chart directory under --from (a directory holding
                       Chart.yaml is rendered with "helm template", not read as YAML); repeatable
  --helm-bin PATH      The helm binary that renders charts (default: helm on PATH)`;

type LimitFlags = { 'max-object-size'?: string | undefined; 'max-snapshot-size'?: string | undefined };
type LimitOptions = Pick<SourceOptions, 'maxObjectBytes' | 'maxSnapshotBytes' | 'maxYamlAliases'>;

/** The limits for a command: --max-object-size / --max-snapshot-size, else the config's `limits`. */
export function limitsOf(values: LimitFlags, config: LimitsConfig = {}): LimitOptions {
  const maxObjectBytes = parseSize('--max-object-size', values['max-object-size']) ?? config.maxObjectBytes;
  const maxSnapshotBytes = parseSize('--max-snapshot-size', values['max-snapshot-size']) ?? config.maxSnapshotBytes;
  return {
    ...(maxObjectBytes !== undefined ? { maxObjectBytes } : {}),
    ...(maxSnapshotBytes !== undefined ? { maxSnapshotBytes } : {}),
    ...(config.maxYamlAliases !== undefined ? { maxYamlAliases: config.maxYamlAliases } : {}),
  };
}

/** The SourceOptions those flags name (absent flags stay absent), with the config's input limits. */
export function sourceOptionsOf(
  values: {
    from?: string[] | undefined;
    snapshot?: string | undefined;
    context?: string | undefined;
    kubeconfig?: string | undefined;
    'target-version'?: string | undefined;
    'release-data'?: string | undefined;
    namespace?: string[] | undefined;
    'helm-values'?: string[] | undefined;
    'helm-bin'?: string | undefined;
  } & LimitFlags,
  limits?: LimitsConfig,
): Pick<SourceOptions, 'from' | 'snapshot' | 'context' | 'kubeconfig' | 'targetVersion' | 'releaseData' | 'namespace' | 'helmValues' | 'helmBin'> & LimitOptions {
  return {
    from: values.from ?? [],
    ...(values['helm-values'] !== undefined && values['helm-values'].length > 0 ? { helmValues: values['helm-values'] } : {}),
    ...(values['helm-bin'] !== undefined ? { helmBin: values['helm-bin'] } : {}),
    ...(values['target-version'] !== undefined ? { targetVersion: values['target-version'] } : {}),
    ...(values['release-data'] !== undefined ? { releaseData: values['release-data'] } : {}),
    ...(values.namespace?.length === 1 ? { namespace: values.namespace[0]! } : {}),
    ...(values.snapshot !== undefined ? { snapshot: values.snapshot } : {}),
    ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
    ...(values.context !== undefined ? { context: values.context } : {}),
    ...limitsOf(values, limits),
  };
}

/** The kubelet TLS command-line options shared by scan, serve and snapshot. */
export const KUBELET_TLS_OPTIONS = {
  'kubelet-ca': { type: 'string' },
  'kubelet-insecure-tls': { type: 'boolean' },
} as const;

/**
 * Kubelet TLS for a command: the flags replace palisade.yaml's `kubelet` section. The flags are
 * usage errors on offline sources, together, or with --allow-nodes-proxy; the config section is
 * simply unused offline (one file serves every mode).
 */
export function kubeletTlsSource(
  flags: { 'kubelet-ca'?: string | undefined; 'kubelet-insecure-tls'?: boolean | undefined },
  config: KubeletConfig,
  how: { live: boolean; allowNodesProxy?: boolean },
): Pick<SourceOptions, 'kubeletCaFile' | 'kubeletInsecureTls'> {
  const caFlag = flags['kubelet-ca'];
  const insecureFlag = flags['kubelet-insecure-tls'] === true;
  if (caFlag !== undefined && insecureFlag) throw new UsageError('give --kubelet-ca FILE (verify against that CA) or --kubelet-insecure-tls (do not verify), not both');
  const flagged = caFlag !== undefined || insecureFlag;
  if (flagged && !how.live) throw new UsageError('--kubelet-ca and --kubelet-insecure-tls apply to live scans only (no --from / --snapshot)');
  if (!how.live) return {};
  const chosen = flagged ? { caFile: caFlag, insecure: insecureFlag } : { caFile: config.caFile, insecure: config.insecureSkipTLSVerify };
  if (how.allowNodesProxy && (chosen.caFile !== undefined || chosen.insecure)) {
    throw new UsageError(
      `--allow-nodes-proxy reads kubelets through the API server, which verifies them itself: drop ${flagged ? (insecureFlag ? '--kubelet-insecure-tls' : '--kubelet-ca') : 'the kubelet section of the config'}`,
    );
  }
  if (chosen.insecure) return { kubeletInsecureTls: true };
  return chosen.caFile !== undefined ? { kubeletCaFile: chosen.caFile } : {};
}

/** Reads a kubelet CA bundle; an unreadable file or one without a PEM certificate is an input error (exit 2). */
export async function readKubeletCa(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`kubelet CA ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new InputError(`kubelet CA ${path}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file`);
  return text;
}

/** The inventory's KubeletTls for source options (reads the CA file). */
async function kubeletTls(opts: SourceOptions): Promise<KubeletTls> {
  if (opts.kubeletInsecureTls) return { verify: 'none' };
  if (opts.kubeletCaFile !== undefined) return { verify: 'kubelet-ca', ca: await readKubeletCa(opts.kubeletCaFile), caFile: opts.kubeletCaFile };
  return { verify: 'cluster-ca' };
}

const TARGET_VERSION = /^v?1\.\d+(\.\d+)?$/;

/** `--target-version` as `v1.N[.P]`; anything else is a usage error. */
export function targetVersionOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!TARGET_VERSION.test(text)) throw new UsageError(`--target-version ${text}: expected v1.N (e.g. v1.36)`);
  return text.startsWith('v') ? text : `v${text}`;
}

/** Reads `--release-data FILE`; unreadable or invalid data is an input error (exit 2). */
export async function readReleaseData(path: string): Promise<ReleaseData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`--release-data ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`);
  }
  try {
    return parseReleaseData(text, path);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

/** Builds the snapshot every command works on. Problems with inputs the user named are InputErrors (exit 2). */
export async function acquireSnapshot(opts: SourceOptions, io: Io): Promise<Snapshot> {
  if (opts.from.length > 0 && opts.snapshot) throw new UsageError('give either --from or --snapshot, not both');
  if ((opts.from.length > 0 || opts.snapshot) && (opts.kubeconfig || opts.context)) {
    throw new UsageError('--kubeconfig and --context apply to live scans only (no --from / --snapshot)');
  }
  if ((opts.helmValues !== undefined || opts.helmBin !== undefined) && opts.from.length === 0) {
    throw new UsageError('--helm-values and --helm-bin render Helm chart directories under --from; give --from PATH');
  }
  if (opts.namespace !== undefined && !isDnsLabel(opts.namespace)) throw new UsageError(`--namespace ${JSON.stringify(opts.namespace)}: not a valid namespace name (a DNS label)`);
  const targetVersion = targetVersionOf(opts.targetVersion);
  const releaseData = opts.releaseData !== undefined ? await readReleaseData(opts.releaseData) : undefined;
  const snapshot =
    opts.from.length > 0
      ? await filesSnapshot(opts, io)
      : opts.snapshot
        ? await readSnapshotFile(opts.snapshot, opts.maxSnapshotBytes !== undefined ? { maxBytes: opts.maxSnapshotBytes } : {})
        : await liveSnapshot(opts, io);
  // The objects the snapshot refused (a field of the wrong type), each on its own line (files: printed with the load errors).
  if (opts.from.length === 0) for (const e of snapshot.errors) if (e.reason === 'invalid-object') io.stderr.write(`palisade: ${e.message}\n`);
  return snapshot.withScanInputs({ ...(targetVersion !== undefined ? { targetVersion } : {}), ...(releaseData !== undefined ? { releaseData } : {}) });
}

/** RFC 1123 label: what a namespace name must be. */
function isDnsLabel(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

async function filesSnapshot(opts: SourceOptions, io: Io): Promise<Snapshot> {
  const paths = opts.from;
  if (opts.stdinName !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename names stdin: it needs --from -');
  for (const p of paths) {
    if (p === '-') continue;
    try {
      await stat(p);
    } catch (err) {
      throw new InputError(`--from ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(err)}`);
    }
  }
  for (const v of opts.helmValues ?? []) {
    try {
      await stat(v);
    } catch (err) {
      throw new InputError(`--helm-values ${v}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err)}`);
    }
  }
  const loaded = await loadManifests(paths, process.cwd(), {
    ...(opts.helmValues !== undefined || opts.helmBin !== undefined
      ? { helm: { ...(opts.helmValues !== undefined ? { values: opts.helmValues } : {}), ...(opts.helmBin !== undefined ? { bin: opts.helmBin } : {}) } }
      : {}),
    defaultNamespace: opts.namespace ?? DEFAULT_NAMESPACE,
    ...(opts.stdinName !== undefined ? { stdinName: opts.stdinName } : {}),
    limits: {
      ...(opts.maxObjectBytes !== undefined ? { maxObjectBytes: opts.maxObjectBytes } : {}),
      ...(opts.maxYamlAliases !== undefined ? { maxAliases: opts.maxYamlAliases } : {}),
    },
  });
  for (const w of loaded.warnings) io.stderr.write(`palisade: warning: ${w}\n`);
  for (const s of loaded.skipped ?? []) io.stderr.write(`palisade: ${s.message}\n`);
  const snapshot = new Snapshot({
    objects: loaded.objects,
    locations: loaded.locations,
    errors: loaded.errors,
    ...(loaded.skipped ? { skipped: loaded.skipped } : {}),
    source: paths.join(','),
    mode: 'offline',
  });
  // Parse errors and the objects the snapshot refused (invalid-object), each on its own line.
  for (const e of snapshot.errors) io.stderr.write(`palisade: ${e.message}\n`);
  return snapshot;
}

/** Where client-node finds the in-cluster ServiceAccount token. */
const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Why there are no credentials to try, or undefined when there is something to load: --kubeconfig,
 * the in-cluster ServiceAccount, $KUBECONFIG, ~/.kube/config (client-node's order). Without this,
 * client-node falls back to http://localhost and fails with a message about TLS.
 */
export function missingCredentials(kubeconfig: string | undefined, env: Record<string, string | undefined>, exists: (path: string) => boolean = existsSync): string | undefined {
  if (kubeconfig !== undefined) return undefined;
  const host = env['KUBERNETES_SERVICE_HOST'];
  if (host && exists(IN_CLUSTER_TOKEN)) return undefined;
  const listed = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p !== '');
  if (listed.some((p) => exists(p))) return undefined;
  const home = join(env['HOME'] ?? homedir(), '.kube', 'config');
  if (exists(home)) return undefined;
  const inCluster = host ? `no token at ${IN_CLUSTER_TOKEN}` : 'KUBERNETES_SERVICE_HOST unset';
  const kc = listed.length > 0 ? `${listed.join(delimiter)}: not found` : 'unset';
  return `no cluster credentials: tried in-cluster (${inCluster}), $KUBECONFIG (${kc}), ~/.kube/config (${home}: not found); give --kubeconfig FILE, or scan manifests with --from PATH`;
}

async function liveSnapshot(opts: SourceOptions, io: Io): Promise<Snapshot> {
  const missing = missingCredentials(opts.kubeconfig, io.env ?? process.env);
  if (missing !== undefined) throw new InputError(missing);
  const tls = await kubeletTls(opts);
  // Loaded lazily so offline scans never load the Kubernetes client.
  const mod = await import('../inventory/live.js');
  try {
    return await mod.liveSnapshot({
      ...(opts.kubeconfig !== undefined ? { kubeconfig: opts.kubeconfig } : {}),
      ...(opts.context !== undefined ? { context: opts.context } : {}),
      ...(opts.clusterName !== undefined ? { clusterName: opts.clusterName } : {}),
      ...(opts.allowNodesProxy ? { allowNodesProxy: true } : {}),
      ...(tls.verify !== 'cluster-ca' ? { kubeletTls: tls } : {}),
      ...(opts.namespaceScope ? { namespaceScope: opts.namespaceScope } : {}),
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
