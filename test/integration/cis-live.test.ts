/**
 * CIS rules on a live scan of the real control plane. The test kube-apiserver runs in-process
 * (not as a kube-system pod) and there is no kubelet: control-plane/etcd flag rules are
 * not-applicable, kubelet rules unknown with the reason, and no rule errors. A Node object whose
 * kubelet does not answer drives the real /configz fetch path to a KubeletConfiguration gap.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
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
    expect(gap?.reason).toMatch(/not read from any of 1 node\(s\): kubelet unreachable/);
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

  async function authorize(token: string): Promise<number> {
    const tr = await k.call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
    const status = (JSON.parse(tr.body) as { status?: { authenticated?: boolean; user?: { username: string; groups?: string[] } } }).status;
    if (!status?.authenticated || !status.user) return 401;
    const sar = await k.call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: status.user.username, groups: status.user.groups ?? [], resourceAttributes: { verb: 'get', resource: 'nodes', subresource: 'configz', name: NODE_NAME } },
    });
    seen.push(status.user.username);
    return (JSON.parse(sar.body) as { status: { allowed?: boolean } }).status.allowed ? 200 : 403;
  }

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
    const ok = requirePrereq('openssl (to sign the stand-in kubelet certificate)', () => {
      try {
        execFileSync('openssl', ['version']);
        return true;
      } catch {
        return 'openssl not found';
      }
    });
    if (!ok) return;
    const ca = info!.ca;
    const caKey = join(dirname(ca), 'ca.key');
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'key.pem')]);
    execFileSync('openssl', ['req', '-new', '-key', join(dir, 'key.pem'), '-subj', `/CN=system:node:${NODE_NAME}`, '-out', join(dir, 'csr.pem')], { stdio: 'pipe' });
    await writeFile(join(dir, 'ext.cnf'), `subjectAltName=IP:${HOST}\nextendedKeyUsage=serverAuth\n`);
    execFileSync('openssl', ['x509', '-req', '-in', join(dir, 'csr.pem'), '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-days', '1', '-extfile', join(dir, 'ext.cnf'), '-out', join(dir, 'cert.pem')], { stdio: 'pipe' });
    server = https.createServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (req, res) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (req.url !== '/configz') return void res.writeHead(404).end();
      if (!token) return void res.writeHead(401).end();
      authorize(token).then(
        (code) => {
          if (code !== 200) return void res.writeHead(code).end('Forbidden');
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(
            JSON.stringify({ kubeletconfig: { authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } }, authorization: { mode: 'Webhook' }, readOnlyPort: 10255, podPidsLimit: 4096 } }),
          );
        },
        () => void res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => server!.once('error', reject).listen(10250, HOST, resolve));

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

async function baseManifests(): Promise<K8sObject[]> {
  const base = new URL('../../manifests/base/', import.meta.url);
  const kust = parseYaml(await readFile(new URL('kustomization.yaml', base), 'utf8')) as { resources: string[] };
  const out: K8sObject[] = [];
  for (const file of kust.resources) {
    for (const doc of parseAllDocuments(await readFile(new URL(file, base), 'utf8'))) out.push(doc.toJS() as K8sObject);
  }
  return out;
}
