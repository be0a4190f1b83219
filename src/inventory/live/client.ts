/**
 * A small raw HTTP client for the Kubernetes API. client-node's KubeConfig supplies auth and TLS
 * (client certs, bearer tokens, exec plugins, in-cluster token file); requests and JSON parsing are
 * ours, so a LIST page is parsed once with JSON.parse and never walked by client-node's
 * ObjectSerializer (see docs/live.md).
 */
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

/** Where the in-cluster ServiceAccount token lives (client-node reads the same path). */
const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface ConnectOptions {
  /** Path to a kubeconfig file; wins over in-cluster config. */
  kubeconfig?: string;
  /** Context name in the kubeconfig. */
  context?: string;
}

/** Chooses credentials: explicit kubeconfig, else in-cluster ServiceAccount, else KUBECONFIG / ~/.kube/config. */
export function loadKubeConfig(opts: ConnectOptions): { kc: KubeConfig; origin: string } {
  const kc = new KubeConfig();
  let origin: string;
  if (opts.kubeconfig) {
    kc.loadFromFile(opts.kubeconfig);
    origin = opts.kubeconfig;
  } else if (process.env['KUBERNETES_SERVICE_HOST'] && existsSync(IN_CLUSTER_TOKEN)) {
    kc.loadFromCluster();
    origin = 'in-cluster';
  } else {
    kc.loadFromDefault();
    origin = process.env['KUBECONFIG'] ?? '~/.kube/config';
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      throw new Error(`kubeconfig ${origin} has no context "${opts.context}"`);
    }
    kc.setCurrentContext(opts.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new Error(`no cluster configured (kubeconfig ${origin}, context "${kc.getCurrentContext() || '(none)'}")`);
  }
  return { kc, origin };
}

export interface KubeRequest {
  method?: string;
  /** Absolute API path like `/api/v1/pods`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  accept?: string;
  body?: string;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Keep a 2xx body as bytes (`bytes`, with `body` empty): the caller decodes it, maybe off the main thread. */
  raw?: boolean;
}

export interface KubeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text; empty for a 2xx answer to a `raw` request. */
  body: string;
  /** The body of a 2xx answer to a `raw` request. */
  bytes?: Buffer;
}

/** A request that never got an HTTP answer (connection reset, refused, timed out, aborted). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export class KubeClient {
  readonly server: string;
  private readonly base: URL;

  constructor(readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    this.server = cluster.server;
    this.base = new URL(cluster.server);
  }

  private agents = new Map<string, https.Agent>();

  /**
   * client-node's agent does not keep connections alive, so every page would pay a new TLS
   * handshake. Same TLS material → same keep-alive agent (rotated client certs get a new one).
   */
  private keepAliveAgent(opts: https.RequestOptions): https.Agent {
    const tls = { ca: opts.ca, cert: opts.cert, key: opts.key, pfx: opts.pfx, passphrase: opts.passphrase, rejectUnauthorized: opts.rejectUnauthorized, servername: opts.servername };
    const key = JSON.stringify(tls, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v));
    let agent = this.agents.get(key);
    if (!agent) {
      const defined = Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== undefined)) as https.AgentOptions;
      agent = new https.Agent({ ...defined, keepAlive: true, maxSockets: 8 });
      if (this.agents.size > 4) this.close();
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Closes idle keep-alive connections (the process can exit without waiting for them). */
  close(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  /** One HTTP exchange; no retries. Non-2xx statuses are returned, not thrown. */
  async request(req: KubeRequest): Promise<KubeResponse> {
    const url = new URL(this.base.pathname.replace(/\/$/, '') + req.path, this.base);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const opts: https.RequestOptions = {
      method: req.method ?? 'GET',
      headers: { Accept: req.accept ?? 'application/json', 'User-Agent': 'palisade' },
    };
    // Adds the CA, client cert/key, Authorization header (token, exec plugin) and a cached agent.
    await this.kc.applyToHTTPSOptions(opts);
    if (url.protocol === 'https:' && !this.kc.getCurrentCluster()?.proxyUrl) opts.agent = this.keepAliveAgent(opts);
    const headers = opts.headers as http.OutgoingHttpHeaders;
    if (req.body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(req.body);
    }
    const transport = url.protocol === 'http:' ? http : https;
    const where = `${opts.method} ${req.path}`;
    return new Promise<KubeResponse>((resolve, reject) => {
      const r = transport.request(url, opts, (res: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const bytes = Buffer.concat(chunks);
          if (req.raw && status >= 200 && status < 300) resolve({ status, headers: res.headers, body: '', bytes });
          else resolve({ status, headers: res.headers, body: bytes.toString('utf8') });
        });
        res.on('error', (err: NodeJS.ErrnoException) => reject(new TransportError(`${where}: ${err.message}`, err.code ?? 'ERESPONSE', req.path)));
      });
      if (req.timeoutMs !== undefined) {
        r.setTimeout(req.timeoutMs, () => r.destroy(Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      }
      const onAbort = (): void => {
        r.destroy(Object.assign(new Error('aborted (scan deadline reached)'), { code: 'EABORTED' }));
      };
      if (req.signal) {
        if (req.signal.aborted) onAbort();
        else req.signal.addEventListener('abort', onAbort, { once: true });
        r.on('close', () => req.signal?.removeEventListener('abort', onAbort));
      }
      r.on('error', (err: NodeJS.ErrnoException) => reject(new TransportError(`${where}: ${err.message}`, err.code ?? 'ECONN', req.path)));
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }
}

/** The `message` of a Kubernetes Status body, or the start of the raw body. */
export function statusMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return body.slice(0, 200);
}
