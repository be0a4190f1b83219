/**
 * One HTTPS exchange with the API server, optionally impersonating a tenant identity
 * (Impersonate-User / Impersonate-Group headers). Credentials come from the kubeconfig
 * (client-node applies CA, client certificate, token or exec plugin).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface Identity {
  user: string;
  groups: string[];
}

export interface ProbeRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Send the request as this identity (needs `impersonate` on users/groups/serviceaccounts). */
  as?: Identity;
  timeoutMs?: number;
}

export interface ProbeResponse {
  status: number;
  body: string;
}

export async function probeRequest(kc: KubeConfig, req: ProbeRequest): Promise<ProbeResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const base = new URL(cluster.server);
  const url = new URL(base.pathname.replace(/\/$/, '') + req.path, base);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const opts: https.RequestOptions = { method: req.method, headers: { Accept: 'application/json', 'User-Agent': 'palisade-probes' } };
  await kc.applyToHTTPSOptions(opts);
  // Impersonation headers are set as arrays so several groups become repeated headers.
  const headers = opts.headers as http.OutgoingHttpHeaders;
  if (req.as) {
    headers['Impersonate-User'] = req.as.user;
    if (req.as.groups.length > 0) headers['Impersonate-Group'] = req.as.groups;
  }
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(body);
  }
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise<ProbeResponse>((resolve, reject) => {
    const r = transport.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.setTimeout(req.timeoutMs ?? 15_000, () => r.destroy(new Error(`${req.method} ${req.path}: no answer within ${req.timeoutMs ?? 15_000} ms`)));
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}

/** The `message` of a Status body, or the raw text. */
export function statusText(body: string): string {
  try {
    const s = JSON.parse(body) as { message?: unknown };
    if (typeof s.message === 'string') return s.message;
  } catch {
    /* not JSON */
  }
  return body.slice(0, 300);
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
