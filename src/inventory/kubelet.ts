/**
 * Each node's effective kubelet configuration, for the CIS 4.2 rules.
 *
 * Default path: GET https://<node InternalIP>:<kubelet port>/configz directly, with Palisade's own
 * credentials. The kubelet authenticates the token (TokenReview) and authorizes the request as
 * `get nodes/configz` (KEP-2862 fine-grained kubelet authorization, GA in 1.36), so the
 * ClusterRole needs only that subresource. The API server proxy (`/api/v1/nodes/<n>/proxy/configz`)
 * needs `nodes/proxy`, which is effectively exec on every node: it is used only when the operator
 * opts in (`allowNodesProxy`).
 *
 * TLS: the kubelet's serving certificate is verified against the kubeconfig's (cluster) CA by
 * default. kubeadm and kind kubelets sign their own serving certificate unless
 * `serverTLSBootstrap: true`, so the operator can name another CA bundle (`--kubelet-ca`,
 * `kubelet.caFile`) or, explicitly, skip verification (`--kubelet-insecure-tls`,
 * `kubelet.insecureSkipTLSVerify`; a warning, and recorded on every object read that way).
 *
 * Each configuration becomes a synthetic object `kubelet.config.k8s.io/v1beta1
 * KubeletConfiguration` named after its node, annotated with how it was read
 * (`palisade.dev/kubelet-tls`), so saved snapshots keep both. When no node answers, a KindGap for
 * `KubeletConfiguration` makes the kubelet rules `unknown` with the reason and what to do.
 */
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord, type K8sObject } from '../model/k8s.js';
import type { InventoryError, KindGap } from './snapshot.js';

export const KUBELET_CONFIG_KIND = 'KubeletConfiguration';
export const KUBELET_CONFIG_API_VERSION = 'kubelet.config.k8s.io/v1beta1';

/** A failed request: the message, and Node's error code when there is one (TLS verification codes matter). */
export type FetchResult = { status: number; body: string } | { error: string; code?: string };
/** Fetches one node's /configz; never throws. */
export type ConfigzFetcher = (node: K8sObject) => Promise<FetchResult>;

export const NODES_PROXY_WARNING =
  'WARNING: --allow-nodes-proxy reads kubelet configuration through the API server proxy. The nodes/proxy permission this needs is effectively exec on every node; prefer granting nodes/configz (Kubernetes 1.36+).';

export const KUBELET_INSECURE_WARNING =
  'WARNING: kubelet TLS verification is OFF (--kubelet-insecure-tls / kubelet.insecureSkipTLSVerify): kubelet serving certificates are not verified, so whoever can intercept traffic to a node\'s kubelet port can feed Palisade a forged kubelet configuration and receive its ServiceAccount token. The result records source.kubeletTls = "not-verified". Prefer serverTLSBootstrap: true on the kubelets, or --kubelet-ca FILE.';

/**
 * How kubelet serving certificates are verified on the direct path. `ca` is the PEM bundle read
 * from `caFile` (named in messages).
 */
export type KubeletTls = { verify: 'cluster-ca' } | { verify: 'kubelet-ca'; ca: string | Buffer; caFile: string } | { verify: 'none' };

/** How a KubeletConfiguration was read, as recorded on it and in `ScanResult.source.kubeletTls`. */
export type KubeletTlsRecord = 'cluster-ca' | 'kubelet-ca' | 'not-verified' | 'api-server-proxy';

/** Annotation on each synthetic KubeletConfiguration: how it was read (a KubeletTlsRecord). */
export const KUBELET_TLS_ANNOTATION = 'palisade.dev/kubelet-tls';

const TLS_RECORDS: readonly KubeletTlsRecord[] = ['not-verified', 'api-server-proxy', 'kubelet-ca', 'cluster-ca'];

export function kubeletTlsRecord(tls: KubeletTls): KubeletTlsRecord {
  return tls.verify === 'none' ? 'not-verified' : tls.verify;
}

/**
 * How the KubeletConfiguration objects of a snapshot were read, from their annotation; the
 * weakest when they differ (`not-verified` first). Undefined when none carries it (offline input).
 */
export function kubeletTlsOf(configs: readonly K8sObject[]): KubeletTlsRecord | undefined {
  const seen = new Set(configs.map((c) => c.metadata.annotations?.[KUBELET_TLS_ANNOTATION]));
  return TLS_RECORDS.find((r) => seen.has(r));
}

/** The kubelet's address: the node's InternalIP (else ExternalIP, Hostname) and daemonEndpoints port. */
export function kubeletEndpoint(node: K8sObject): { host: string; port: number } | undefined {
  const status = node['status'];
  if (!isRecord(status)) return undefined;
  const addresses = Array.isArray(status['addresses']) ? (status['addresses'] as unknown[]).filter(isRecord) : [];
  const byType = (t: string): string | undefined => {
    const a = addresses.find((x) => x['type'] === t);
    return typeof a?.['address'] === 'string' ? a['address'] : undefined;
  };
  const host = byType('InternalIP') ?? byType('ExternalIP') ?? byType('Hostname');
  const endpoints = status['daemonEndpoints'];
  const kubelet = isRecord(endpoints) ? endpoints['kubeletEndpoint'] : undefined;
  const port = isRecord(kubelet) && typeof kubelet['Port'] === 'number' ? kubelet['Port'] : 10250;
  return host ? { host, port } : undefined;
}

/** The synthetic object for a node from a /configz body (`{"kubeletconfig": {...}}`), annotated with how it was read. */
export function kubeletConfigObject(nodeName: string, body: string, via?: KubeletTlsRecord): K8sObject | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return undefined;
  }
  const cfg = isRecord(doc) ? doc['kubeletconfig'] : undefined;
  if (!isRecord(cfg)) return undefined;
  const metadata = via ? { name: nodeName, annotations: { [KUBELET_TLS_ANNOTATION]: via } } : { name: nodeName };
  return { ...cfg, apiVersion: KUBELET_CONFIG_API_VERSION, kind: KUBELET_CONFIG_KIND, metadata };
}

/**
 * Direct HTTPS to each kubelet with the kubeconfig's credentials (authorized as nodes/configz).
 * The serving certificate is verified against the kubeconfig's CA, the given kubelet CA bundle, or
 * (explicit opt-in only) not at all. A kubeconfig's insecure-skip-tls-verify applies to the API
 * server only: it never turns kubelet verification off.
 */
export function directConfigzFetcher(kc: KubeConfig, timeoutMs = 10_000, tls: KubeletTls = { verify: 'cluster-ca' }): ConfigzFetcher {
  return async (node) => {
    const ep = kubeletEndpoint(node);
    if (!ep) return { error: 'the Node has no address in status.addresses' };
    const host = ep.host.includes(':') ? `[${ep.host}]` : ep.host;
    const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json', 'User-Agent': 'palisade' }, timeout: timeoutMs };
    await kc.applyToHTTPSOptions(opts);
    // The apiserver's agent and TLS server name belong to the apiserver; kubelets get their own.
    delete opts.agent;
    delete opts.servername;
    if (tls.verify === 'kubelet-ca') opts.ca = tls.ca;
    opts.rejectUnauthorized = tls.verify !== 'none';
    return new Promise<FetchResult>((resolve) => {
      const req = https.request(`https://${host}:${ep.port}/configz`, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve(failed(e)));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${host}:${ep.port} within ${timeoutMs} ms`)));
      req.on('error', (e) => resolve(failed(e)));
      req.end();
    });
  };
}

function failed(e: Error): FetchResult {
  const code = (e as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? { error: e.message, code } : { error: e.message };
}

/** Opt-in only: through the API server proxy, which needs nodes/proxy (effectively exec on the node). */
export function proxyConfigzFetcher(get: (path: string) => Promise<{ status: number; body: string }>): ConfigzFetcher {
  return async (node) => {
    try {
      return await get(`/api/v1/nodes/${encodeURIComponent(node.metadata.name)}/proxy/configz`);
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  };
}

export interface KubeletConfigs {
  objects: K8sObject[];
  /** Set when no node's configuration could be read although nodes exist. */
  gap?: KindGap;
  errors: InventoryError[];
}

/** How the configurations are read: recorded on each object and named in failure reasons. */
export interface KubeletReadMode {
  via: KubeletTlsRecord;
  /** The kubelet CA bundle, for `via: 'kubelet-ca'`. */
  caFile?: string;
}

export const KUBELET_TLS_FIXES =
  'enable serverTLSBootstrap: true on the kubelets (and approve their serving-certificate CSRs), or verify the kubelets against the CA that signs their certificates with --kubelet-ca FILE (palisade.yaml: kubelet.caFile), or, as a last resort, skip verification with --kubelet-insecure-tls (palisade.yaml: kubelet.insecureSkipTLSVerify: true)';

/** Node's codes for a certificate chain that does not lead to a trusted CA. */
const NOT_SIGNED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);
const NOT_VALID_NOW = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Why a kubelet's serving certificate was rejected, and what to do; undefined when the failure is not a certificate problem. */
function describeTlsFailure(r: { error: string; code?: string }, mode: KubeletReadMode): string | undefined {
  const code = r.code ?? '';
  if (NOT_SIGNED.has(code)) {
    if (mode.via === 'kubelet-ca') {
      return `the kubelet serving certificate is not signed by the kubelet CA ${mode.caFile ?? ''} (${code}): check that this file holds the CA that signs the kubelets' serving certificates (with serverTLSBootstrap: true that is the cluster CA: drop --kubelet-ca)`;
    }
    return `the kubelet serving certificate is not signed by the cluster CA (${code}; self-signed? kubeadm and kind kubelets sign their own unless serverTLSBootstrap: true): ${KUBELET_TLS_FIXES}`;
  }
  if (NOT_VALID_NOW.has(code)) return `the kubelet serving certificate is not valid now (${code}: ${r.error}): renew it (kubelet rotateCertificates / serverTLSBootstrap)`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the kubelet serving certificate does not name the address it was reached at (${r.error}): the certificate must name the node's InternalIP`;
  return undefined;
}

function describeFailure(r: FetchResult, mode: KubeletReadMode): { reason: string; code: string } {
  if ('error' in r) {
    const tls = describeTlsFailure(r, mode);
    if (tls) return { reason: tls, code: 'tls' };
    return { reason: `kubelet unreachable: ${r.error}`, code: 'error' };
  }
  if (r.status === 401) return { reason: 'the kubelet rejected the credentials (401): webhook token authentication off?', code: 'unauthorized' };
  if (r.status === 403) return { reason: 'forbidden (403): grant get on nodes/configz (Kubernetes 1.36+; older kubelets only authorize /configz through nodes/proxy)', code: 'forbidden' };
  return { reason: `HTTP ${r.status} from /configz`, code: 'error' };
}

/** `node a`, `nodes a, b`, `nodes a, b, c and 7 more`. */
export function nodeLabel(names: readonly string[]): string {
  const sorted = [...names].sort();
  if (sorted.length === 1) return `node ${sorted[0]}`;
  const shown = sorted.slice(0, 3).join(', ');
  return sorted.length > 3 ? `nodes ${shown} and ${sorted.length - 3} more` : `nodes ${shown}`;
}

/** The gap when no node's configuration was read: each distinct reason once, with the nodes it concerns. */
function kubeletGap(total: number, failures: readonly { node: string; reason: string; code: string }[]): KindGap {
  const byReason = new Map<string, string[]>();
  const codes = new Map<string, number>();
  for (const f of failures) {
    byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), f.node]);
    codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
  }
  // The most frequent code names the gap (ties: the alphabetically first, so the result is stable).
  const code = [...codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'error';
  const parts = [...byReason].map(([reason, nodes]) => `${nodeLabel(nodes)}: ${reason}`).sort();
  return { kind: KUBELET_CONFIG_KIND, code, reason: `kubelet configuration not read from any of ${total} node(s): ${parts.join('; ')}` };
}

/** Reads every node's kubelet configuration, a few at a time. */
export async function readKubeletConfigs(
  nodes: readonly K8sObject[],
  fetch: ConfigzFetcher,
  mode: KubeletReadMode = { via: 'cluster-ca' },
  concurrency = 4,
): Promise<KubeletConfigs> {
  const objects: K8sObject[] = [];
  const errors: InventoryError[] = [];
  const failures: { node: string; reason: string; code: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, nodes.length) }, async () => {
      while (next < nodes.length) {
        const node = nodes[next++]!;
        const r = await fetch(node);
        const obj = 'status' in r && r.status === 200 ? kubeletConfigObject(node.metadata.name, r.body, mode.via) : undefined;
        if (obj) {
          objects.push(obj);
          continue;
        }
        const f = 'status' in r && r.status === 200 ? { reason: '/configz answered without a kubeletconfig object', code: 'error' } : describeFailure(r, mode);
        failures.push({ node: node.metadata.name, ...f });
        errors.push({ source: `Node/${node.metadata.name} /configz`, message: f.reason, reason: f.code });
      }
    }),
  );
  objects.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  errors.sort((a, b) => a.source.localeCompare(b.source));
  if (nodes.length > 0 && objects.length === 0) return { objects, errors, gap: kubeletGap(nodes.length, failures) };
  return { objects, errors };
}
