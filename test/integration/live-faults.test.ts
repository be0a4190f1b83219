/**
 * Fault handling of the live source: a loopback TLS proxy in front of the real kube-apiserver
 * answers 429 (Retry-After) / 500 / 410 / nothing for chosen requests and forwards the rest.
 */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { liveSnapshot } from '../../src/inventory/live.js';
import { loadKubeConfig } from '../../src/inventory/live/client.js';
import { LIVE_KINDS } from '../../src/inventory/live/kinds.js';
import { clusterFor, type TestCluster } from '../helpers/cluster.ts';

const info = inject('cluster');

interface Seen {
  path: string;
  query: URLSearchParams;
  at: number;
  fault: string | undefined;
}

/** `undefined` forwards the request; otherwise the proxy answers with this (or never answers: `hang`). */
type Fault = { status: number; headers?: Record<string, string>; body?: string } | 'hang';
type FaultPlan = (req: { path: string; query: URLSearchParams; nth: number }) => Fault | undefined;

/** Rewrites a forwarded answer's body (undefined: forwarded as it is). */
type Rewrite = (req: { path: string; query: URLSearchParams }, body: string) => string | undefined;

class FaultProxy {
  plan: FaultPlan = () => undefined;
  rewrite: Rewrite = () => undefined;
  readonly seen: Seen[] = [];
  private readonly perPath = new Map<string, number>();
  private server!: https.Server;
  private upstream!: https.RequestOptions;
  url = '';

  async start(): Promise<void> {
    const pki = join(info!.dir, 'pki');
    // Upstream as the admin (client cert, CA) taken from the harness kubeconfig.
    const up: https.RequestOptions = {};
    await loadKubeConfig({ kubeconfig: info!.kubeconfig }).kc.applyToHTTPSOptions(up);
    this.upstream = up;
    this.server = https.createServer(
      { cert: await readFile(join(pki, 'apiserver.crt')), key: await readFile(join(pki, 'apiserver.key')) },
      (req, res) => {
        const url = new URL(req.url ?? '/', 'https://proxy');
        const key = `${req.method} ${url.pathname}`;
        const nth = (this.perPath.get(key) ?? 0) + 1;
        this.perPath.set(key, nth);
        const fault = this.plan({ path: url.pathname, query: url.searchParams, nth });
        this.seen.push({ path: url.pathname, query: url.searchParams, at: Date.now(), fault: fault === undefined ? undefined : fault === 'hang' ? 'hang' : String(fault.status) });
        if (fault === 'hang') return; // never answers; the client's per-request timeout must fire
        if (fault) {
          res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.headers ?? {}) });
          res.end(fault.body ?? JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `injected ${fault.status}`, code: fault.status }));
          return;
        }
        const target = new URL(req.url ?? '/', info!.server);
        const headers = { ...req.headers };
        delete headers['authorization'];
        delete headers['host'];
        const fwd = https.request(target, { ...this.upstream, method: req.method, headers: { ...headers, ...(this.upstream.headers ?? {}) } }, (upRes) => {
          const chunks: Buffer[] = [];
          upRes.on('data', (c: Buffer) => chunks.push(c));
          upRes.on('end', () => {
            const body = Buffer.concat(chunks);
            const changed = this.rewrite({ path: url.pathname, query: url.searchParams }, body.toString('utf8'));
            const out = changed === undefined ? body : Buffer.from(changed, 'utf8');
            const { 'transfer-encoding': _chunked, ...kept } = upRes.headers;
            res.writeHead(upRes.statusCode ?? 502, { ...kept, 'content-length': String(out.length) });
            res.end(out);
          });
        });
        fwd.on('error', () => res.destroy());
        req.pipe(fwd);
      },
    );
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(plan: FaultPlan, rewrite: Rewrite = () => undefined): void {
    this.plan = plan;
    this.rewrite = rewrite;
    this.seen.length = 0;
    this.perPath.clear();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const isList = (q: URLSearchParams): boolean => q.has('limit');

describe.skipIf(!info)('live source under API faults (loopback proxy)', () => {
  let k: TestCluster;
  let proxy: FaultProxy;
  let kubeconfig: string;
  const ns = 'faults';

  beforeAll(async () => {
    k = clusterFor(info!);
    await k.createNamespace(ns);
    for (let i = 0; i < 12; i++) await k.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: ns } });
    proxy = new FaultProxy();
    await proxy.start();
    // The scanner talks to the proxy with the same CA (the proxy serves the apiserver's certificate).
    const admin = await readFile(info!.kubeconfig, 'utf8');
    kubeconfig = join(await mkdtemp(join(tmpdir(), 'palisade-proxy-')), 'kubeconfig');
    await writeFile(kubeconfig, admin.replace(info!.server, proxy.url), { mode: 0o600 });
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('retries 429 (honouring Retry-After), 500 and 503 and ends with a complete snapshot', async () => {
    const direct = await liveSnapshot({ kubeconfig: info!.kubeconfig });
    proxy.reset(({ path, query, nth }) => {
      if (path === '/apis' && nth === 1) return { status: 503 };
      if (path === '/api/v1/configmaps' && isList(query) && nth === 1) return { status: 429, headers: { 'retry-after': '1' } };
      if (path === '/api/v1/pods' && nth <= 2) return { status: 500 };
      if (path === '/apis/apps/v1/deployments' && nth <= 3) return { status: 429, headers: { 'retry-after': '0' } };
      return undefined;
    });
    const lines: string[] = [];
    const snap = await liveSnapshot({ kubeconfig, pageSize: 5, retry: { baseDelayMs: 50 }, onProgress: (l) => lines.push(l) });
    expect(snap.gaps).toEqual([]);
    expect(snap.errors).toEqual([]);
    expect(snap.objects.length).toBe(direct.objects.length);
    expect(snap.inNamespace(ns, 'ConfigMap')).toHaveLength(12);
    // Each injected fault was followed by a successful retry of the same request.
    const faults = proxy.seen.filter((s) => s.fault);
    expect(faults.map((f) => `${f.path} ${f.fault}`).sort()).toEqual(
      [
        '/apis 503',
        '/api/v1/configmaps 429',
        '/api/v1/pods 500',
        '/api/v1/pods 500',
        '/apis/apps/v1/deployments 429',
        '/apis/apps/v1/deployments 429',
        '/apis/apps/v1/deployments 429',
      ].sort(),
    );
    // Retry-After: 1 was honoured before asking for ConfigMaps again.
    const cm = proxy.seen.filter((s) => s.path === '/api/v1/configmaps');
    expect(cm[1]!.at - cm[0]!.at).toBeGreaterThanOrEqual(950);
    expect(lines.some((l) => l.includes('HTTP 429, retrying'))).toBe(true);
  });

  it('a kind that keeps failing becomes a gap; the other kinds are listed and the scan ends', async () => {
    proxy.reset(({ path }) => (path === '/apis/networking.k8s.io/v1/networkpolicies' ? { status: 500 } : undefined));
    const snap = await liveSnapshot({ kubeconfig, retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 }, deadlineSeconds: 60 });
    expect(snap.gaps).toEqual([{ kind: 'NetworkPolicy', code: 'error', reason: 'HTTP 500: injected 500' }]);
    expect(snap.errors).toHaveLength(1);
    expect(snap.errors[0]!.source).toBe('networking.k8s.io/v1 networkpolicies');
    expect(proxy.seen.filter((s) => s.path === '/apis/networking.k8s.io/v1/networkpolicies')).toHaveLength(4);
    expect(snap.listedKinds).toContain('Pod');
    expect(snap.listedKinds).not.toContain('NetworkPolicy');
  });

  it('a kind whose requests never get an answer times out into a gap', async () => {
    proxy.reset(({ path }) => (path === '/api/v1/services' ? 'hang' : undefined));
    const snap = await liveSnapshot({ kubeconfig, requestTimeoutSeconds: 1, retry: { attempts: 2, baseDelayMs: 10 }, deadlineSeconds: 60 });
    expect(snap.gaps.map((g) => [g.kind, g.code])).toEqual([['Service', 'timeout']]);
    expect(proxy.seen.filter((s) => s.path === '/api/v1/services')).toHaveLength(2);
    expect(snap.listedKinds).toContain('Namespace');
  });

  it('the total deadline stops a scan that cannot finish: unfinished kinds are timeout gaps', async () => {
    proxy.reset(({ query }) => (isList(query) ? 'hang' : undefined));
    const snap = await liveSnapshot({ kubeconfig, deadlineSeconds: 2, requestTimeoutSeconds: 30 });
    // Nothing could be listed: every kind the server serves is a timeout gap, none is silently empty.
    expect(snap.objects).toHaveLength(0);
    const gapped = snap.gaps.map((g) => g.kind).sort();
    // Served kinds are gaps; kinds the server does not serve (CRDs not installed) are known-empty.
    expect([...gapped, ...(snap.listedKinds ?? [])].sort()).toEqual(LIVE_KINDS.map((x) => x.kind).sort());
    expect(gapped).toEqual(expect.arrayContaining(LIVE_KINDS.filter((x) => !x.optional).map((x) => x.kind)));
    expect(snap.listedKinds?.every((kind) => LIVE_KINDS.find((x) => x.kind === kind)?.optional)).toBe(true);
    expect(new Set(snap.gaps.map((g) => g.code))).toEqual(new Set(['timeout']));
  });

  it('410 Gone on a continue token restarts that kind once and still lists everything', async () => {
    let gone = false;
    proxy.reset(({ path, query }) => {
      if (path === '/api/v1/configmaps' && query.has('continue') && !gone) {
        gone = true;
        return { status: 410, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'continue token expired' }) };
      }
      return undefined;
    });
    const snap = await liveSnapshot({ kubeconfig, pageSize: 5 });
    expect(gone).toBe(true);
    expect(snap.gaps).toEqual([]);
    expect(snap.inNamespace(ns, 'ConfigMap')).toHaveLength(12);
    // The restart begins without a continue token.
    const cm = proxy.seen.filter((s) => s.path === '/api/v1/configmaps');
    const goneAt = cm.findIndex((s) => s.fault === '410');
    expect(cm[goneAt + 1]!.query.has('continue')).toBe(false);
  });

  it('asks for the next page early, and uses the continue token of the parsed page when the early one differs', async () => {
    const decoy = 'ZGVjb3k';
    // The first ConfigMap page gets a second, earlier "continue" key: JSON.parse keeps the last
    // (the API server's token), the early read finds the first (the decoy).
    proxy.reset(
      ({ query }) => (query.get('continue') === decoy ? { status: 410 } : undefined),
      ({ path, query }, body) => (path === '/api/v1/configmaps' && isList(query) && !query.has('continue') ? body.replace('"metadata":{', `"metadata":{"continue":"${decoy}",`) : undefined),
    );
    const snap = await liveSnapshot({ kubeconfig, pageSize: 5 });
    expect(snap.gaps).toEqual([]);
    expect(snap.inNamespace(ns, 'ConfigMap')).toHaveLength(12);
    const cm = proxy.seen.filter((s) => s.path === '/api/v1/configmaps').map((s) => s.query.get('continue'));
    expect(cm[0]).toBeNull();
    expect(cm).toContain(decoy);
    // Every page of the server's own tokens was asked for exactly once.
    const real = cm.filter((c): c is string => c !== null && c !== decoy);
    expect(real.length).toBeGreaterThanOrEqual(2);
    expect(new Set(real).size).toBe(real.length);
    // The decoy's answer (410) was never read: no restart of the kind.
    expect(cm.filter((c) => c === null)).toHaveLength(1);
  });
});
