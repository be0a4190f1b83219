import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKubeConfig, statusMessage } from './client.js';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: "https://prod.example:6443"}
- name: staging
  cluster: {server: "https://staging.example:6443"}
users:
- name: u
  user: {token: "t"}
contexts:
- name: prod
  context: {cluster: prod, user: u}
- name: staging
  context: {cluster: staging, user: u}
current-context: prod
`;

async function file(): Promise<string> {
  const p = join(await mkdtemp(join(tmpdir(), 'palisade-kc-')), 'config');
  await writeFile(p, KUBECONFIG);
  return p;
}

const saved = { host: process.env['KUBERNETES_SERVICE_HOST'], kubeconfig: process.env['KUBECONFIG'] };
afterEach(() => {
  for (const [k, v] of [['KUBERNETES_SERVICE_HOST', saved.host], ['KUBECONFIG', saved.kubeconfig]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('loadKubeConfig', () => {
  it('uses the current context of an explicit kubeconfig', async () => {
    const { kc, origin } = loadKubeConfig({ kubeconfig: await file() });
    expect(kc.getCurrentCluster()?.server).toBe('https://prod.example:6443');
    expect(origin).toMatch(/config$/);
  });

  it('switches to the context asked for', async () => {
    const { kc } = loadKubeConfig({ kubeconfig: await file(), context: 'staging' });
    expect(kc.getCurrentCluster()?.server).toBe('https://staging.example:6443');
  });

  it('names the missing context', async () => {
    const path = await file();
    expect(() => loadKubeConfig({ kubeconfig: path, context: 'nope' })).toThrow(`has no context "nope"`);
  });

  it('an explicit kubeconfig wins over in-cluster configuration', async () => {
    process.env['KUBERNETES_SERVICE_HOST'] = '10.0.0.1';
    const { origin } = loadKubeConfig({ kubeconfig: await file() });
    expect(origin).not.toBe('in-cluster');
  });

  it('falls back to $KUBECONFIG', async () => {
    delete process.env['KUBERNETES_SERVICE_HOST'];
    process.env['KUBECONFIG'] = await file();
    const { kc, origin } = loadKubeConfig({});
    expect(origin).toBe(process.env['KUBECONFIG']);
    expect(kc.getCurrentCluster()?.server).toBe('https://prod.example:6443');
  });
});

describe('statusMessage', () => {
  it('reads a Status message, or shows the start of any other body', () => {
    expect(statusMessage(JSON.stringify({ kind: 'Status', message: 'pods is forbidden' }))).toBe('pods is forbidden');
    expect(statusMessage('<html>bad gateway</html>')).toBe('<html>bad gateway</html>');
  });
});
