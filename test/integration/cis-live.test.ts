/**
 * CIS rules on a live scan of the real control plane. The test kube-apiserver runs in-process
 * (not as a kube-system pod) and there is no kubelet: control-plane/etcd flag rules are
 * not-applicable, kubelet rules unknown with the reason, and no rule errors. A Node object whose
 * kubelet does not answer drives the real /configz fetch path to a KubeletConfiguration gap.
 * Stand-in kubelets (HTTPS on 127.0.0.x:10250, authorized through the real API server) serve
 * /configz with a CA-signed and with a self-signed serving certificate (the kubeadm/kind default).
 */
import { execFileSync } from 'node:child_process';
import { expandResult, parseResult, type ExpandedResult } from '../helpers/result-json.js';
import type { ScanResultDocument } from '../../src/report/load.js';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { createAjv } from '../../src/config/ajv.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { buildFrameworkReport } from '../../src/frameworks/report.js';
import { CIS_1_12 } from '../../src/frameworks/cis-1.12.js';
import { liveSnapshot } from '../../src/inventory/live.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ScanResult } from '../../src/report/model.js';
import { RULES } from '../../src/rules/index.js';
import { clusterFor, kubeconfigWithToken, type TestCluster } from '../helpers/cluster.ts';
import { requirePrereq } from '../helpers/prereq.ts';
import { startServe, waitFor } from '../fixtures/metrics/harness.ts';
import { runCli } from '../helpers/cli.ts';

const info = inject('cluster');
const FAMILIES = ['control-plane', 'etcd', 'kubelet', 'rbac', 'service-accounts', 'network', 'admission', 'secrets'];
const mine = (r: { rule: string }): boolean => FAMILIES.includes(r.rule.split('/')[0]!);

async function scan(): Promise<ScanResult> {
  const snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig });
  return scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, now: new Date('2026-11-22T00:00:00Z') }).result;
}

const NODE: K8sObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'cis-live-node' },
  // 127.0.0.2:10250: loopback, nothing listens there, so the kubelet fetch fails fast.
  status: { addresses: [{ type: 'InternalIP', address: '127.0.0.2' }], daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } },
} as K8sObject;

describe.skipIf(!info)('CIS rules on a live scan of the real control plane', () => {
  let k: TestCluster;
  let result: ScanResult;

  beforeAll(async () => {
    k = clusterFor(info!);
    result = await scan();
  });

  afterAll(async () => {
    await k?.delete(NODE).catch(() => undefined);
  });

  it('no CIS rule errors on missing data', () => {
    expect(result.results.filter((r) => mine(r) && r.status === 'error').map((r) => r.message)).toEqual([]);
  });

  it('control-plane and etcd flag rules are not-applicable: the API server is not a kube-system pod', () => {
    const flagResults = result.results.filter((r) => r.rule.startsWith('control-plane/') && r.rule !== 'control-plane/kube-proxy-metrics-bind-address' || r.rule.startsWith('etcd/'));
    expect(flagResults.length).toBeGreaterThanOrEqual(40);
    for (const r of flagResults) {
      expect(r.status, `${r.rule}: ${r.message}`).toBe('not-applicable');
      expect(r.message).toMatch(/is not visible through the API/);
    }
  });

  it('kubelet rules are unknown: there is no Node, hence no kubelet', () => {
    const kubelet = result.results.filter((r) => r.rule.startsWith('kubelet/'));
    expect(kubelet).toHaveLength(13);
    for (const r of kubelet) {
      expect(r.status).toBe('unknown');
      expect(r.message).toContain('no Node objects');
    }
  });

  it('the framework report lists all 131 controls; 4.2.x unknown, 1.2.x not-applicable', () => {
    const fw = buildFrameworkReport(CIS_1_12, result.rules, result.results);
    expect(fw.controls).toHaveLength(131);
    const byId = new Map(fw.controls.map((c) => [c.id, c]));
    expect(byId.get('4.2.1')?.status).toBe('unknown');
    expect(byId.get('1.2.6')?.status).toBe('not-applicable');
    expect(byId.get('1.1.1')?.status).toBe('manual');
  });

  it('a Node whose kubelet does not answer: KubeletConfiguration gap, kubelet rules unknown with the reason', async () => {
    const res = await k.call('POST', '/api/v1/nodes', NODE);
    expect([201, 409]).toContain(res.status);
    // status is ignored on create: set addresses through the status subresource.
    const put = await k.call('PATCH', `/api/v1/nodes/${NODE.metadata.name}/status`, { status: NODE['status'] }, undefined, 'application/merge-patch+json');
    expect(put.status).toBe(200);
    const withNode = await scan();
    const gap = withNode.gaps.find((g) => g.kind === 'KubeletConfiguration');
    expect(gap?.reason).toMatch(/not read from any of 1 node\(s\): node cis-live-node: kubelet unreachable/);
    const kubelet = withNode.results.filter((r) => r.rule.startsWith('kubelet/'));
    expect(kubelet.length).toBeGreaterThanOrEqual(13);
    for (const r of kubelet) {
      expect(r.status).toBe('unknown');
      expect(r.message).toContain('KubeletConfiguration');
    }
    expect(withNode.incomplete).toBe(true);
  });

  it('--allow-nodes-proxy goes through the API server proxy, with a warning', async () => {
    const lines: string[] = [];
    const snapshot = await liveSnapshot({ kubeconfig: info!.kubeconfig, allowNodesProxy: true, onProgress: (l) => lines.push(l), retry: { attempts: 1 } });
    expect(lines.join('\n')).toContain('effectively exec on every node');
    // The node's kubelet does not exist, so the proxy answers with an error: still a gap, never a crash.
    expect(snapshot.gapFor('KubeletConfiguration')?.reason).toMatch(/not read from any of 1 node\(s\)/);
  });
});

/**
 * The /configz path end to end with the real API server doing authentication and authorization:
 * a stand-in kubelet on 127.0.0.3:10250 (serving certificate signed by the cluster CA) does what
 * the kubelet's webhook authn/authz does — TokenReview of the bearer token, then a
 * SubjectAccessReview for `get nodes/configz` (KEP-2862) — and serves a KubeletConfiguration.
 * Palisade scans as its own ServiceAccount with the ClusterRole from manifests/base.
 */
describe.skipIf(!info)('kubelet configuration read as nodes/configz with the manifests/base ClusterRole', () => {
  const NODE_NAME = 'cis-kubelet-node';
  const HOST = '127.0.0.3';
  let k: TestCluster;
  let server: https.Server | undefined;
  let saKubeconfig: string;
  let role: K8sObject;
  const seen: string[] = [];

  const authorize = (token: string): Promise<number> => authorizeConfigz(k, token, NODE_NAME, seen);

  async function waitForConfigz(want: number): Promise<void> {
    const token = await k.tokenFor('palisade', 'palisade');
    for (let i = 0; i < 100; i++) {
      if ((await authorize(token)) === want) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nodes/configz never answered ${want}`);
  }

  beforeAll(async () => {
    k = clusterFor(info!);
    const dir = await mkdtemp(join(tmpdir(), 'palisade-kubelet-'));
    if (!hasOpenssl()) return;
    const ca = info!.ca;
    const caKey = join(dirname(ca), 'ca.key');
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'key.pem')]);
    execFileSync('openssl', ['req', '-new', '-key', join(dir, 'key.pem'), '-subj', `/CN=system:node:${NODE_NAME}`, '-out', join(dir, 'csr.pem')], { stdio: 'pipe' });
    await writeFile(join(dir, 'ext.cnf'), `subjectAltName=IP:${HOST}\nextendedKeyUsage=serverAuth\n`);
    execFileSync('openssl', ['x509', '-req', '-in', join(dir, 'csr.pem'), '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-days', '1', '-extfile', join(dir, 'ext.cnf'), '-out', join(dir, 'cert.pem')], { stdio: 'pipe' });
    server = await startStandInKubelet(HOST, { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, authorize);

    const objs = await baseManifests();
    const { rejected } = await k.applyObjects(objs);
    expect(rejected).toEqual([]);
    role = objs.find((o) => o.kind === 'ClusterRole')!;
    saKubeconfig = join(dir, 'kubeconfig');
    await writeFile(saKubeconfig, await kubeconfigWithToken(info!, await k.tokenFor('palisade', 'palisade'), 'palisade-sa'), { mode: 0o600 });
    await k.call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE_NAME } });
    const patched = await k.call('PATCH', `/api/v1/nodes/${NODE_NAME}/status`, { status: { addresses: [{ type: 'InternalIP', address: HOST }] } }, undefined, 'application/merge-patch+json');
    expect(patched.status).toBe(200);
    await waitForConfigz(200);
  });

  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    if (role) await k.apply(role).catch(() => undefined);
    await k?.call('DELETE', `/api/v1/nodes/${NODE_NAME}`).catch(() => undefined);
  });

  it('reads the configuration and the kubelet rules judge it', async () => {
    const snapshot = await liveSnapshot({ kubeconfig: saKubeconfig });
    expect(snapshot.gapFor('KubeletConfiguration')).toBeUndefined();
    expect(snapshot.get('KubeletConfiguration', NODE_NAME)).toMatchObject({ readOnlyPort: 10255 });
    expect(seen).toContain('system:serviceaccount:palisade:palisade');
    const result = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, now: new Date('2026-11-22T00:00:00Z') }).result;
    const status = (rule: string): string | undefined => result.results.find((r) => r.rule === rule && r.object.kind === 'KubeletConfiguration')?.status;
    expect(status('kubelet/read-only-port')).toBe('fail');
    expect(status('kubelet/anonymous-auth')).toBe('pass');
    expect(status('kubelet/pod-pids-limit')).toBe('pass');
    expect(status('kubelet/seccomp-default')).toBe('fail');
  });

  it('without nodes/configz in the ClusterRole: forbidden, a gap, kubelet rules unknown', async () => {
    const rules = (role['rules'] as { resources?: string[] }[]).filter((r) => !(r.resources ?? []).includes('nodes/configz'));
    await k.apply({ ...role, rules });
    await waitForConfigz(403);
    const snapshot = await liveSnapshot({ kubeconfig: saKubeconfig });
    expect(snapshot.gapFor('KubeletConfiguration')).toMatchObject({ code: 'forbidden' });
    const result = scanSnapshot(snapshot, { config: defaultConfig(), rules: RULES, now: new Date('2026-11-22T00:00:00Z') }).result;
    const kubelet = result.results.filter((r) => r.rule.startsWith('kubelet/'));
    expect(kubelet.length).toBeGreaterThanOrEqual(13);
    for (const r of kubelet) expect(r.status).toBe('unknown');
    await k.apply(role);
  });
});

/** The kubelet configuration every stand-in serves: read-only port open (fail), anonymous auth off (pass). */
const STAND_IN_CONFIG = {
  kubeletconfig: { authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } }, authorization: { mode: 'Webhook' }, readOnlyPort: 10255, podPidsLimit: 4096 },
};

/**
 * What the kubelet's webhook authn/authz does for /configz: TokenReview of the bearer token, then
 * a SubjectAccessReview for `get nodes/configz` on the node (KEP-2862). Records who asked in `seen`.
 */
async function authorizeConfigz(k: TestCluster, token: string, nodeName: string, seen: string[]): Promise<number> {
  const tr = await k.call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
  const status = (JSON.parse(tr.body) as { status?: { authenticated?: boolean; user?: { username: string; groups?: string[] } } }).status;
  if (!status?.authenticated || !status.user) return 401;
  const sar = await k.call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: { user: status.user.username, groups: status.user.groups ?? [], resourceAttributes: { verb: 'get', resource: 'nodes', subresource: 'configz', name: nodeName } },
  });
  seen.push(status.user.username);
  return (JSON.parse(sar.body) as { status: { allowed?: boolean } }).status.allowed ? 200 : 403;
}

/** A stand-in kubelet: HTTPS on host:10250 with the given serving key and certificate (chain); /configz after `authorize`. */
async function startStandInKubelet(host: string, tls: { key: Buffer; cert: Buffer }, authorize: (token: string) => Promise<number>): Promise<https.Server> {
  const server = https.createServer(tls, (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (req.url !== '/configz') return void res.writeHead(404).end();
    if (!token) return void res.writeHead(401).end();
    authorize(token).then(
      (code) => {
        if (code !== 200) return void res.writeHead(code).end('Forbidden');
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(STAND_IN_CONFIG));
      },
      () => void res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(10250, host, resolve));
  return server;
}

function hasOpenssl(): boolean {
  return requirePrereq('openssl (to make the stand-in kubelet certificates)', () => {
    try {
      execFileSync('openssl', ['version']);
      return true;
    } catch {
      return 'openssl not found';
    }
  });
}



/**
 * kubeadm and kind kubelets sign their own serving certificate (unless serverTLSBootstrap: true):
 * a CA of their own ("<host>-ca@<time>") and a serving certificate it signed, both sent by the
 * server. A stand-in on 127.0.0.4 does the same. Palisade scans through the CLI as its
 * ServiceAccount, with the default verification, with --kubelet-ca and with --kubelet-insecure-tls.
 */
describe.skipIf(!info)('a kubelet with a self-signed serving certificate (kubeadm/kind default)', () => {
  const NODE_NAME = 'cis-self-signed-node';
  const HOST = '127.0.0.4';
  let k: TestCluster;
  let server: https.Server | undefined;
  let dir: string;
  let saKubeconfig: string;
  let kubeletCa: string;
  const seen: string[] = [];

  beforeAll(async () => {
    k = clusterFor(info!);
    dir = await mkdtemp(join(tmpdir(), 'palisade-self-signed-'));
    if (!hasOpenssl()) return;
    kubeletCa = join(dir, 'kubelet-ca.pem');
    const openssl = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe' });
    await writeFile(join(dir, 'ca.cnf'), `[req]\ndistinguished_name = dn\nx509_extensions = v3_ca\nprompt = no\n[dn]\nCN = ${HOST}-ca@1763769600\n[v3_ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,digitalSignature\nsubjectKeyIdentifier = hash\n`);
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'ca.key')]);
    openssl(['req', '-x509', '-new', '-key', join(dir, 'ca.key'), '-config', join(dir, 'ca.cnf'), '-days', '1', '-out', kubeletCa]);
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'key.pem')]);
    openssl(['req', '-new', '-key', join(dir, 'key.pem'), '-subj', `/CN=${HOST}@1763769600`, '-out', join(dir, 'csr.pem')]);
    await writeFile(join(dir, 'ext.cnf'), `subjectAltName=IP:${HOST}\nextendedKeyUsage=serverAuth\n`);
    openssl(['x509', '-req', '-in', join(dir, 'csr.pem'), '-CA', kubeletCa, '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-days', '1', '-extfile', join(dir, 'ext.cnf'), '-out', join(dir, 'cert.pem')]);
    const chain = Buffer.concat([await readFile(join(dir, 'cert.pem')), await readFile(kubeletCa)]);
    server = await startStandInKubelet(HOST, { key: await readFile(join(dir, 'key.pem')), cert: chain }, (token) => authorizeConfigz(k, token, NODE_NAME, seen));

    const { rejected } = await k.applyObjects(await baseManifests());
    expect(rejected).toEqual([]);
    saKubeconfig = join(dir, 'kubeconfig');
    await writeFile(saKubeconfig, await kubeconfigWithToken(info!, await k.tokenFor('palisade', 'palisade'), 'palisade-sa'), { mode: 0o600 });
    const created = await k.call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE_NAME } });
    expect([201, 409]).toContain(created.status);
    const patched = await k.call('PATCH', `/api/v1/nodes/${NODE_NAME}/status`, { status: { addresses: [{ type: 'InternalIP', address: HOST }] } }, undefined, 'application/merge-patch+json');
    expect(patched.status).toBe(200);
    // The ClusterRole was just (re)applied: wait until the authorizer grants nodes/configz.
    const token = await k.tokenFor('palisade', 'palisade');
    await waitFor('nodes/configz granted', async () => ((await authorizeConfigz(k, token, NODE_NAME, [])) === 200 ? true : undefined), 10_000);
  });

  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await k?.call('DELETE', `/api/v1/nodes/${NODE_NAME}`).catch(() => undefined);
  });

  const kubeletResults = (result: ExpandedResult) => result.results.filter((r) => r.rule.startsWith('kubelet/'));
  const status = (result: ExpandedResult, rule: string): string | undefined => result.results.find((r) => r.rule === rule && r.object.kind === 'KubeletConfiguration')?.status;

  it('default (cluster CA): a tls gap saying what happened and what to do, kubelet rules unknown, exit 3, no token sent', async () => {
    seen.length = 0;
    const r = await runCli(['scan', '--kubeconfig', saKubeconfig, '--format', 'json']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/scan incomplete: .*KubeletConfiguration/);
    const result = parseResult(r.stdout);
    const gap = result.gaps.find((g) => g.kind === 'KubeletConfiguration');
    expect(gap?.code).toBe('tls');
    expect(gap?.reason).toMatch(new RegExp(`node ${NODE_NAME}: the kubelet serving certificate is not signed by the cluster CA \\(SELF_SIGNED_CERT_IN_CHAIN; self-signed\\?`));
    for (const fix of ['serverTLSBootstrap: true', '--kubelet-ca FILE', '--kubelet-insecure-tls']) expect(gap?.reason).toContain(fix);
    expect(result.errors).toContainEqual({ source: `Node/${NODE_NAME} /configz`, message: expect.stringContaining('not signed by the cluster CA'), reason: 'tls' });
    const kubelet = kubeletResults(result);
    expect(kubelet.length).toBeGreaterThanOrEqual(13);
    for (const x of kubelet) {
      expect(x.status).toBe('unknown');
      expect(x.message).toContain('not signed by the cluster CA');
    }
    expect(result.source.kubeletTls).toBeUndefined(); // nothing was read
    expect(seen).toEqual([]); // the handshake failed before the bearer token was sent
  });

  it('--kubelet-ca with the kubelet\'s CA: read, kubelet rules evaluated, recorded as kubelet-ca', async () => {
    seen.length = 0;
    const r = await runCli(['scan', '--kubeconfig', saKubeconfig, '--kubelet-ca', kubeletCa, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('[live] kubelet configuration (kubelet-ca): 1 node(s) read');
    expect(r.stderr).not.toContain('WARNING');
    const result = parseResult(r.stdout);
    expect(result.gaps).toEqual([]);
    expect(result.source.kubeletTls).toBe('kubelet-ca');
    expect(seen).toEqual(['system:serviceaccount:palisade:palisade']);
    expect(status(result, 'kubelet/read-only-port')).toBe('fail');
    expect(status(result, 'kubelet/anonymous-auth')).toBe('pass');
    expect(status(result, 'kubelet/pod-pids-limit')).toBe('pass');
    expect(kubeletResults(result).filter((x) => x.object.kind === 'KubeletConfiguration').every((x) => x.status === 'pass' || x.status === 'fail')).toBe(true);

    // The cluster CA is not the kubelet CA: naming the wrong bundle says so (and names the file).
    const wrong = await runCli(['scan', '--kubeconfig', saKubeconfig, '--kubelet-ca', info!.ca, '--format', 'json']);
    expect(wrong.code).toBe(3);
    expect((parseResult(wrong.stdout)).gaps.find((g) => g.kind === 'KubeletConfiguration')?.reason).toContain(`not signed by the kubelet CA ${info!.ca} (SELF_SIGNED_CERT_IN_CHAIN)`);
  });

  it('--kubelet-insecure-tls: read, a warning on stderr, recorded as not-verified in the result', async () => {
    seen.length = 0;
    const r = await runCli(['scan', '--kubeconfig', saKubeconfig, '--kubelet-insecure-tls', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('palisade: WARNING: kubelet TLS verification is OFF');
    const result = parseResult(r.stdout);
    expect(result.source.kubeletTls).toBe('not-verified');
    const validate = createAjv().compile(JSON.parse(await readFile(new URL('../../docs/scan-result.schema.json', import.meta.url), 'utf8')) as object);
    expect(validate(result), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true); // the published schema knows the field
    expect(result.gaps).toEqual([]);
    expect(seen).toEqual(['system:serviceaccount:palisade:palisade']);
    expect(status(result, 'kubelet/read-only-port')).toBe('fail');
    expect(status(result, 'kubelet/anonymous-auth')).toBe('pass');
  });

  it('palisade.yaml kubelet.insecureSkipTLSVerify: a snapshot keeps the record, its replay reports it', async () => {
    const config = join(dir, 'insecure.yaml');
    await writeFile(config, 'kubelet:\n  insecureSkipTLSVerify: true\n');
    const file = join(dir, 'snap.json.gz');
    const snap = await runCli(['snapshot', '--kubeconfig', saKubeconfig, '--config', config, '--output', file]);
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toContain('WARNING: kubelet TLS verification is OFF');
    const doc = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as { objects: K8sObject[] };
    expect(doc.objects.find((o) => o.kind === 'KubeletConfiguration')?.metadata.annotations).toEqual({ 'palisade.dev/kubelet-tls': 'not-verified' });
    const replay = await runCli(['scan', '--snapshot', file, '--format', 'json']);
    expect(replay.code, replay.stderr).toBe(0);
    const result = parseResult(replay.stdout);
    expect(result.source).toMatchObject({ mode: 'snapshot', kubeletTls: 'not-verified' });
  });

  it('serve with palisade.yaml kubelet.caFile (relative to the file): logs it, /report.json records kubelet-ca', async () => {
    const config = join(dir, 'ca.yaml');
    await writeFile(config, 'kubelet:\n  caFile: kubelet-ca.pem\n');
    const served = await startServe(['--kubeconfig', saKubeconfig, '--config', config, '--listen', '127.0.0.1:0', '--schedule', '0 0 1 1 *']);
    try {
      expect(served.log()).toContain(`source: live cluster; kubelet TLS: verified against ${kubeletCa}`);
      await waitFor('first live scan', async () => ((await fetch(`${served.base}/readyz`)).ok ? true : undefined), 120_000);
      const report = expandResult((await (await fetch(`${served.base}/report.json`)).json()) as ScanResultDocument);
      expect(report.source.kubeletTls).toBe('kubelet-ca');
      expect(report.gaps).toEqual([]);
      expect(status(report, 'kubelet/read-only-port')).toBe('fail');
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});

async function baseManifests(): Promise<K8sObject[]> {
  const base = new URL('../../manifests/base/', import.meta.url);
  const kust = parseYaml(await readFile(new URL('kustomization.yaml', base), 'utf8')) as { resources: string[] };
  const out: K8sObject[] = [];
  for (const file of kust.resources) {
    for (const doc of parseAllDocuments(await readFile(new URL(file, base), 'utf8'))) out.push(doc.toJS() as K8sObject);
  }
  return out;
}
