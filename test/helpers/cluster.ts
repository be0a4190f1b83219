/**
 * Helpers for integration tests against the run's real kube-apiserver (see
 * test/integration/setup/global.ts). Requests go through Palisade's raw client so objects reach
 * the server exactly as written (no client-node ObjectSerializer rewriting).
 *
 * ```ts
 * const info = inject('cluster');             // null outside CI when the harness is missing
 * const k = clusterFor(info!);
 * await k.createNamespace('t1', { 'pod-security.kubernetes.io/enforce': 'restricted' });
 * ```
 */
import { KubeConfig } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { KubeClient, statusMessage, type KubeResponse } from '../../src/inventory/live/client.js';
import { collectionPath, discover, type ApiResource } from '../../src/inventory/live/discovery.js';
import type { K8sObject } from '../../src/model/k8s.js';
import type { ClusterInfo } from '../cluster/harness.ts';

export function kubeConfigFor(info: Pick<ClusterInfo, 'kubeconfig'>): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfig);
  return kc;
}

/** A kubeconfig (YAML text) that authenticates with a bearer token against the cluster's server and CA. */
export async function kubeconfigWithToken(info: Pick<ClusterInfo, 'server' | 'ca'>, token: string, user = 'token-user'): Promise<string> {
  const ca = (await readFile(info.ca)).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: palisade-test`,
    `  cluster: {server: "${info.server}", certificate-authority-data: "${ca}"}`,
    'users:',
    `- name: ${user}`,
    `  user: {token: "${token}"}`,
    'contexts:',
    `- name: ${user}`,
    `  context: {cluster: palisade-test, user: ${user}}`,
    `current-context: ${user}`,
    '',
  ].join('\n');
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly what: string,
  ) {
    super(`${what}: HTTP ${status}: ${statusMessage(body)}`);
    this.name = 'ApiError';
  }
}

/** Outcome of a server-side dry-run create. */
export interface DryRunOutcome {
  /** `admitted`: accepted; `policy-denied`: 403 from PodSecurity; `invalid`: 422 validation; `error`: anything else. */
  verdict: 'admitted' | 'policy-denied' | 'invalid' | 'error';
  status: number;
  message: string;
}

export class TestCluster {
  readonly client: KubeClient;
  private resources: Promise<ApiResource[]> | undefined;

  constructor(
    readonly info: ClusterInfo,
    kc: KubeConfig = kubeConfigFor(info),
  ) {
    this.client = new KubeClient(kc);
  }

  async call(method: string, path: string, body?: unknown, query?: Record<string, string>, contentType?: string): Promise<KubeResponse> {
    return this.client.request({
      method,
      path,
      ...(query ? { query } : {}),
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      ...(contentType ? { contentType } : {}),
      timeoutMs: 30_000,
    });
  }

  /** The served resource of an object's apiVersion + kind (discovery is cached; call `refreshDiscovery` after adding CRDs). */
  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    this.resources ??= discover((path, accept) => this.client.request({ path, ...(accept ? { accept } : {}) }));
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const all = await this.resources;
    const hit =
      all.find((r) => r.group === group && r.kind === kind && r.version === version) ?? all.find((r) => r.group === group && r.kind === kind);
    if (!hit) throw new Error(`the server does not serve ${apiVersion} ${kind}`);
    return { ...hit, version: version ?? hit.version };
  }

  refreshDiscovery(): void {
    this.resources = undefined;
  }

  private async objectPath(obj: K8sObject, withName: boolean): Promise<string> {
    const res = await this.resourceFor(obj.apiVersion, obj.kind);
    const base = collectionPath(res, obj.metadata.namespace ?? (res.namespaced ? 'default' : undefined));
    return withName ? `${base}/${encodeURIComponent(obj.metadata.name)}` : base;
  }

  /** Creates a namespace (labels as given) and its `default` ServiceAccount (no controllers run here). */
  async createNamespace(name: string, labels: Record<string, string> = {}): Promise<void> {
    await this.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    await this.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
  }

  /** Server-side apply (create or update) of one object; throws ApiError when the server refuses it. */
  async apply(obj: K8sObject): Promise<K8sObject> {
    const path = await this.objectPath(obj, true);
    const res = await this.call('PATCH', path, obj, { fieldManager: 'palisade-tests', force: 'true' }, 'application/apply-patch+yaml');
    if (res.status < 200 || res.status >= 300) throw new ApiError(res.status, res.body, `apply ${obj.kind}/${obj.metadata.name}`);
    return JSON.parse(res.body) as K8sObject;
  }

  /** Applies each object in order; returns the accepted ones and the refused ones with the server's reason. */
  async applyObjects(objects: readonly K8sObject[]): Promise<{ applied: K8sObject[]; rejected: { object: K8sObject; status: number; message: string }[] }> {
    const applied: K8sObject[] = [];
    const rejected: { object: K8sObject; status: number; message: string }[] = [];
    for (const obj of objects) {
      try {
        applied.push(await this.apply(obj));
      } catch (err) {
        if (!(err instanceof ApiError) && !(err instanceof Error && err.message.startsWith('the server does not serve'))) throw err;
        rejected.push({ object: obj, status: err instanceof ApiError ? err.status : 0, message: err.message });
      }
    }
    return { applied, rejected };
  }

  async get(obj: K8sObject): Promise<K8sObject | undefined> {
    const res = await this.call('GET', await this.objectPath(obj, true));
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new ApiError(res.status, res.body, `get ${obj.kind}/${obj.metadata.name}`);
    return JSON.parse(res.body) as K8sObject;
  }

  async delete(obj: K8sObject): Promise<void> {
    const res = await this.call('DELETE', await this.objectPath(obj, true));
    if (res.status !== 200 && res.status !== 202 && res.status !== 404) throw new ApiError(res.status, res.body, `delete ${obj.kind}/${obj.metadata.name}`);
  }

  /** `?dryRun=All` create: what admission (PodSecurity etc.) says, without storing anything. */
  async dryRunCreate(obj: K8sObject): Promise<DryRunOutcome> {
    const res = await this.call('POST', await this.objectPath(obj, false), obj, { dryRun: 'All' });
    const message = res.status < 300 ? '' : statusMessage(res.body);
    if (res.status >= 200 && res.status < 300) return { verdict: 'admitted', status: res.status, message };
    if (res.status === 403 && /violates PodSecurity/i.test(message)) return { verdict: 'policy-denied', status: res.status, message };
    if (res.status === 422) return { verdict: 'invalid', status: res.status, message };
    return { verdict: 'error', status: res.status, message };
  }

  /** A bound token for a ServiceAccount (TokenRequest API). */
  async tokenFor(namespace: string, serviceAccount: string, expirationSeconds = 3600): Promise<string> {
    const res = await this.call(
      'POST',
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(serviceAccount)}/token`,
      { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds } },
    );
    if (res.status !== 201 && res.status !== 200) throw new ApiError(res.status, res.body, `token for ${namespace}/${serviceAccount}`);
    const token = (JSON.parse(res.body) as { status?: { token?: string } }).status?.token;
    if (!token) throw new Error(`TokenRequest for ${namespace}/${serviceAccount} returned no token`);
    return token;
  }
}

export function clusterFor(info: ClusterInfo): TestCluster {
  return new TestCluster(info);
}
