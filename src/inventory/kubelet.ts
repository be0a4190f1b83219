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
 * Each configuration becomes a synthetic object `kubelet.config.k8s.io/v1beta1
 * KubeletConfiguration` named after its node, so saved snapshots keep it. When no node answers,
 * a KindGap for `KubeletConfiguration` makes the kubelet rules `unknown` with the reason.
 */
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord, type K8sObject } from '../model/k8s.js';
import type { InventoryError, KindGap } from './snapshot.js';

export const KUBELET_CONFIG_KIND = 'KubeletConfiguration';
export const KUBELET_CONFIG_API_VERSION = 'kubelet.config.k8s.io/v1beta1';

export type FetchResult = { status: number; body: string } | { error: string };
/** Fetches one node's /configz; never throws. */
export type ConfigzFetcher = (node: K8sObject) => Promise<FetchResult>;

export const NODES_PROXY_WARNING =
  'palisade: --allow-nodes-proxy reads kubelet configuration through the API server proxy. The nodes/proxy permission this needs is effectively exec on every node; prefer granting nodes/configz (Kubernetes 1.36+).';

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

/** The synthetic object for a node from a /configz body (`{"kubeletconfig": {...}}`). */
export function kubeletConfigObject(nodeName: string, body: string): K8sObject | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return undefined;
  }
  const cfg = isRecord(doc) ? doc['kubeletconfig'] : undefined;
  if (!isRecord(cfg)) return undefined;
  return { ...cfg, apiVersion: KUBELET_CONFIG_API_VERSION, kind: KUBELET_CONFIG_KIND, metadata: { name: nodeName } };
}

/** Direct HTTPS to each kubelet with the kubeconfig's CA and credentials (authorized as nodes/configz). */
export function directConfigzFetcher(kc: KubeConfig, timeoutMs = 10_000): ConfigzFetcher {
  return async (node) => {
    const ep = kubeletEndpoint(node);
    if (!ep) return { error: 'the Node has no address in status.addresses' };
    const host = ep.host.includes(':') ? `[${ep.host}]` : ep.host;
    const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json', 'User-Agent': 'palisade' }, timeout: timeoutMs };
    await kc.applyToHTTPSOptions(opts);
    // The apiserver's agent and TLS server name belong to the apiserver; kubelets get their own.
    delete opts.agent;
    delete opts.servername;
    return new Promise<FetchResult>((resolve) => {
      const req = https.request(`https://${host}:${ep.port}/configz`, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ error: e.message }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${host}:${ep.port} within ${timeoutMs} ms`)));
      req.on('error', (e) => resolve({ error: e.message }));
      req.end();
    });
  };
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

function describeFailure(r: FetchResult): { reason: string; code: string } {
  if ('error' in r) return { reason: `kubelet unreachable: ${r.error}`, code: 'error' };
  if (r.status === 401) return { reason: 'the kubelet rejected the credentials (401): webhook token authentication off?', code: 'unauthorized' };
  if (r.status === 403) return { reason: 'forbidden (403): grant get on nodes/configz (Kubernetes 1.36+; older kubelets only authorize /configz through nodes/proxy)', code: 'forbidden' };
  return { reason: `HTTP ${r.status} from /configz`, code: 'error' };
}

/** Reads every node's kubelet configuration, a few at a time. */
export async function readKubeletConfigs(nodes: readonly K8sObject[], fetch: ConfigzFetcher, concurrency = 4): Promise<KubeletConfigs> {
  const objects: K8sObject[] = [];
  const errors: InventoryError[] = [];
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, nodes.length) }, async () => {
      while (next < nodes.length) {
        const node = nodes[next++]!;
        const r = await fetch(node);
        const obj = 'status' in r && r.status === 200 ? kubeletConfigObject(node.metadata.name, r.body) : undefined;
        if (obj) {
          objects.push(obj);
          continue;
        }
        const f = 'status' in r && r.status === 200 ? { reason: '/configz answered without a kubeletconfig object', code: 'error' } : describeFailure(r);
        failures.push(f.reason);
        errors.push({ source: `Node/${node.metadata.name} /configz`, message: f.reason, reason: f.code });
      }
    }),
  );
  objects.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (nodes.length > 0 && objects.length === 0) {
    const reasons = [...new Set(failures)];
    const code = errors[0]?.reason ?? 'error';
    return { objects, errors, gap: { kind: KUBELET_CONFIG_KIND, code, reason: `kubelet configuration not read from any of ${nodes.length} node(s): ${reasons.join('; ')}` } };
  }
  return { objects, errors };
}
