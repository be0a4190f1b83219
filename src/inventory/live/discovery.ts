/**
 * API discovery: which resources the server serves (built-in and CRD-provided), at the group's
 * preferred version. Uses aggregated discovery (apidiscovery.k8s.io/v2, GA since 1.30: two requests
 * in all) and falls back to the legacy per-group documents on older servers.
 */
import { isRecord } from '../../model/k8s.js';
import { statusMessage, type KubeClient, type KubeResponse } from './client.js';

export interface ApiResource {
  group: string;
  version: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

/** `v1` or `apps/v1`. */
export function groupVersion(r: Pick<ApiResource, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** Collection path of a resource, cluster-wide or in one namespace. */
export function collectionPath(r: ApiResource, namespace?: string): string {
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return namespace && r.namespaced ? `${root}/namespaces/${encodeURIComponent(namespace)}/${r.resource}` : `${root}/${r.resource}`;
}

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9';

export type Fetch = (path: string, accept?: string) => Promise<KubeResponse>;

export class DiscoveryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

function parseOk(res: KubeResponse, path: string): unknown {
  if (res.status < 200 || res.status >= 300) {
    throw new DiscoveryError(`discovery ${path}: HTTP ${res.status}: ${statusMessage(res.body)}`, res.status);
  }
  return JSON.parse(res.body) as unknown;
}

/** Every served resource (no subresources) at each group's preferred version. */
export async function discover(fetch: Fetch): Promise<ApiResource[]> {
  const core = parseOk(await fetch('/api', AGGREGATED), '/api');
  const groups = parseOk(await fetch('/apis', AGGREGATED), '/apis');
  if (isRecord(core) && core['kind'] === 'APIGroupDiscoveryList' && isRecord(groups) && groups['kind'] === 'APIGroupDiscoveryList') {
    return [...fromAggregated(core), ...fromAggregated(groups)];
  }
  return legacyDiscovery(fetch, core, groups);
}

function fromAggregated(list: Record<string, unknown>): ApiResource[] {
  const out: ApiResource[] = [];
  for (const item of asArray(list['items'])) {
    if (!isRecord(item)) continue;
    const group = isRecord(item['metadata']) && typeof item['metadata']['name'] === 'string' ? item['metadata']['name'] : '';
    // Versions are listed in preference order: the first one is the preferred version.
    const preferred = asArray(item['versions']).find(isRecord);
    if (!preferred || typeof preferred['version'] !== 'string') continue;
    for (const r of asArray(preferred['resources'])) {
      if (!isRecord(r) || typeof r['resource'] !== 'string') continue;
      const rk = r['responseKind'];
      const kind = isRecord(rk) && typeof rk['kind'] === 'string' ? rk['kind'] : '';
      if (!kind) continue;
      out.push({
        group,
        version: preferred['version'],
        resource: r['resource'],
        kind,
        namespaced: r['scope'] === 'Namespaced',
        verbs: asArray(r['verbs']).filter((v): v is string => typeof v === 'string'),
      });
    }
  }
  return out;
}

async function legacyDiscovery(fetch: Fetch, core: unknown, groups: unknown): Promise<ApiResource[]> {
  const targets: { group: string; version: string; path: string }[] = [];
  const coreVersion = isRecord(core) ? asArray(core['versions']).find((v) => typeof v === 'string') : undefined;
  if (typeof coreVersion === 'string') targets.push({ group: '', version: coreVersion, path: `/api/${coreVersion}` });
  for (const g of isRecord(groups) ? asArray(groups['groups']) : []) {
    if (!isRecord(g) || typeof g['name'] !== 'string' || !isRecord(g['preferredVersion'])) continue;
    const version = g['preferredVersion']['version'];
    if (typeof version === 'string') targets.push({ group: g['name'], version, path: `/apis/${g['name']}/${version}` });
  }
  const out: ApiResource[] = [];
  for (const t of targets) {
    const res = await fetch(t.path);
    // An aggregated API that is down (503) must not sink discovery of everything else.
    if (res.status === 503 || res.status === 404) continue;
    const doc = parseOk(res, t.path);
    for (const r of isRecord(doc) ? asArray(doc['resources']) : []) {
      if (!isRecord(r) || typeof r['name'] !== 'string' || r['name'].includes('/') || typeof r['kind'] !== 'string') continue;
      out.push({
        group: t.group,
        version: t.version,
        resource: r['name'],
        kind: r['kind'],
        namespaced: r['namespaced'] === true,
        verbs: asArray(r['verbs']).filter((v): v is string => typeof v === 'string'),
      });
    }
  }
  return out;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Finds a resource by group and plural name. */
export function findResource(all: readonly ApiResource[], group: string, resource: string): ApiResource | undefined {
  return all.find((r) => r.group === group && r.resource === resource);
}
