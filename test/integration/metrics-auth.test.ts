/**
 * `palisade serve --auth` against the run's real kube-apiserver: TokenReview +
 * SubjectAccessReview (get on the non-resource URL) decide who may read /metrics.
 * Tokens come from the TokenRequest API for two ServiceAccounts, one of them bound to a
 * ClusterRole with nonResourceURLs ["/metrics"]. Also: HTTPS from mounted PEM files.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { onPath, requirePrereq } from '../helpers/prereq.ts';
import { startServe, waitFor, type RunningServe } from '../fixtures/metrics/harness.ts';

const info = inject('cluster');
const NS = 'palisade-metrics-auth';
const ROLE = 'palisade-metrics-auth-reader';
const NEVER = '0 0 1 1 *'; // one scan at start only

async function ignoreConflict(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!String((err as Error).message).includes('409') && (err as { code?: number }).code !== 409) throw err;
  }
}

describe.skipIf(!info)('/metrics with --auth on the real control plane', () => {
  let server: RunningServe;
  let allowedToken: string;
  let deniedToken: string;

  beforeAll(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(info!.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await ignoreConflict(core.createNamespace({ body: { metadata: { name: NS } } }));
    for (const name of ['prometheus', 'intruder']) {
      await ignoreConflict(core.createNamespacedServiceAccount({ namespace: NS, body: { metadata: { name, namespace: NS } } }));
    }
    await ignoreConflict(
      rbac.createClusterRole({ body: { metadata: { name: ROLE }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] } }),
    );
    await ignoreConflict(
      rbac.createClusterRoleBinding({
        body: {
          metadata: { name: ROLE },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: ROLE },
          subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: NS }],
        },
      }),
    );
    const token = async (name: string): Promise<string> => {
      const tr = await core.createNamespacedServiceAccountToken({ name, namespace: NS, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
      const t = tr.status?.token;
      if (!t) throw new Error(`TokenRequest for ${NS}/${name} returned no token`);
      return t;
    };
    allowedToken = await token('prometheus');
    deniedToken = await token('intruder');

    server = await startServe([
      '--from', 'examples/demo-cluster',
      '--listen', '127.0.0.1:0',
      '--schedule', NEVER,
      '--auth',
      '--auth-kubeconfig', info!.kubeconfig,
      '--cluster', 'auth-test',
    ]);
    await waitFor('first scan', async () => ((await fetch(`${server.base}/readyz`)).ok ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
  });

  const get = (path: string, token?: string): Promise<Response> =>
    fetch(`${server.base}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  it('says auth is on in the startup log', () => {
    expect(server.log()).toContain('auth: bearer token, TokenReview + SubjectAccessReview');
  });

  it('no token → 401', async () => {
    const r = await get('/metrics');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a token the API server does not know → 401', async () => {
    expect((await get('/metrics', 'not-a-real-token')).status).toBe(401);
  });

  it('a valid token without the permission → 403', async () => {
    const r = await get('/metrics', deniedToken);
    expect(r.status).toBe(403);
    expect(await r.text()).not.toContain('palisade_');
  });

  it('a token allowed to get /metrics → 200 with the metrics', async () => {
    const r = await get('/metrics', allowedToken);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('palisade_cluster_score{cluster="auth-test"}');
  });

  it('/report.json is a different URL: the /metrics grant does not open it', async () => {
    expect((await get('/report.json', allowedToken)).status).toBe(403);
  });

  it('probes stay open for the kubelet', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
  });
});

const hasOpenssl = requirePrereq('openssl (to make a test certificate)', onPath('openssl'));

describe.skipIf(!hasOpenssl)('palisade serve over TLS from mounted files', () => {
  let dir: string;
  let server: RunningServe;
  let ca: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-tls-'));
    await execa('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=palisade-exporter',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'),
    ]);
    ca = await readFile(join(dir, 'tls.crt'));
    server = await startServe([
      '--from', 'examples/demo-cluster',
      '--listen', '127.0.0.1:0',
      '--schedule', NEVER,
      '--tls-cert-file', join(dir, 'tls.crt'),
      '--tls-key-file', join(dir, 'tls.key'),
    ]);
  }, 60_000);

  afterAll(async () => {
    if (server) await server.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function httpsGet(url: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(url, { ca }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves HTTPS with the given certificate and logs it', async () => {
    expect(server.base.startsWith('https://127.0.0.1:')).toBe(true);
    expect(server.log()).toContain(`TLS: on (${join(dir, 'tls.crt')})`);
    await waitFor('first scan over https', async () => ((await httpsGet(`${server.base}/readyz`)).status === 200 ? true : undefined));
    const r = await httpsGet(`${server.base}/metrics`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('palisade_build_info');
  });

  it('refuses plain HTTP on the TLS port', async () => {
    const plain = server.base.replace('https://', 'http://');
    await expect(fetch(`${plain}/metrics`).then(async (r) => { await r.text(); return r.status; })).rejects.toThrow();
  });
});
