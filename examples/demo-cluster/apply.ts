/**
 * Applies the demo cluster to a real kube-apiserver and reports what the server rejected or changed.
 *
 *   npx node examples/demo-cluster/apply.ts [--kubeconfig FILE] [--start-apiserver] [--json]
 *
 * With --start-apiserver it starts .cache/bin/palisade-test-apiserver in a temporary directory
 * and stops it afterwards. Objects that already exist (kube-system, the bootstrap ClusterRoles)
 * are replaced. "changed" lists input leaves that came back different (status and server-owned
 * metadata are ignored: the apiserver always rewrites them on create).
 * Exit code: 0 when every object was accepted, 1 otherwise.
 *
 * A standalone Node 24 script (native type stripping): no imports from src/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Obj { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: Json | undefined }; [k: string]: Json | object | undefined }
interface Outcome { ref: string; file: string; action: 'created' | 'replaced' | 'rejected'; error?: string; changed: string[]; warnings: string[] }

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');

/** Creation order: what others reference first (namespaces, classes, RBAC roles, ServiceAccounts). */
const ORDER = ['Namespace', 'PriorityClass', 'RuntimeClass', 'StorageClass', 'IngressClass', 'Node', 'PersistentVolume',
  'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'ResourceQuota', 'LimitRange',
  'PersistentVolumeClaim', 'NetworkPolicy', 'Service'];
/** Registered last, as an install would: the demo's webhooks have no backend, and a fail-closed one would refuse what follows. */
const LAST = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService'];
const rank = (kind: string): number => { if (LAST.includes(kind)) return ORDER.length + 1; const i = ORDER.indexOf(kind); return i < 0 ? ORDER.length : i; };

/** Fields the server owns on create: ignoring them is not hiding a change. */
const SERVER_OWNED = new Set(['metadata.uid', 'metadata.resourceVersion', 'metadata.creationTimestamp', 'metadata.generation']);
const SERVER_OWNED_PREFIX = ['status', 'metadata.ownerReferences'];

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await yamlFiles(full)));
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

function refOf(o: Obj): string {
  return o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`;
}

/** Leaves of `want` that are missing or different in `got`, as dotted paths. */
function changedLeaves(want: Json, got: Json | undefined, path: string, out: string[]): void {
  if (SERVER_OWNED.has(path) || SERVER_OWNED_PREFIX.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))) return;
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) { out.push(`${path}: ${JSON.stringify(want)} -> ${JSON.stringify(got)}`); return; }
    want.forEach((w, i) => changedLeaves(w, got[i], `${path}[${i}]`, out));
    return;
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) { out.push(`${path}: object -> ${JSON.stringify(got)}`); return; }
    for (const [k, v] of Object.entries(want)) changedLeaves(v, got[k], path ? `${path}.${k}` : k, out);
    return;
  }
  // Go's omitempty drops false / 0 / "" on the way back: the value is the same.
  if (got === undefined && (want === false || want === 0 || want === '')) return;
  if (want !== got) out.push(`${path}: ${JSON.stringify(want)} -> ${JSON.stringify(got)}`);
}

/** Raw JSON over HTTPS: client-node's typed serializer drops fields named like JS keywords (`from`, `default`). */
class RawClient {
  private readonly resources = new Map<string, { plural: string; namespaced: boolean }>();
  private readonly kc: KubeConfig;
  constructor(kc: KubeConfig) {
    this.kc = kc;
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; warnings: string[] }> {
    const server = new URL(this.kc.getCurrentCluster()!.server);
    const opts: https.RequestOptions = { method, hostname: server.hostname, port: server.port, path, headers: { 'content-type': 'application/json', accept: 'application/json' } };
    await this.kc.applyToHTTPSOptions(opts);
    return new Promise((resolve, reject) => {
      const req = https.request(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as Json, warnings: warningsOf(res.headers['warning']) }));
      });
      req.on('error', reject);
      if (body !== undefined) req.write(JSON.stringify(body));
      req.end();
    });
  }

  /** The collection path of an object, from API discovery. */
  async collection(o: Obj): Promise<string> {
    const base = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
    const key = `${o.apiVersion}/${o.kind}`;
    if (!this.resources.has(key)) {
      const { json } = await this.request('GET', base);
      for (const r of ((json as { resources?: { name: string; kind: string; namespaced: boolean }[] }).resources ?? [])) {
        if (!r.name.includes('/')) this.resources.set(`${o.apiVersion}/${r.kind}`, { plural: r.name, namespaced: r.namespaced });
      }
    }
    const r = this.resources.get(key);
    if (!r) throw new Error(`${refOf(o)}: the server does not serve ${key}`);
    return r.namespaced ? `${base}/namespaces/${o.metadata.namespace ?? 'default'}/${r.plural}` : `${base}/${r.plural}`;
  }
}

/** `Warning: 299 - "text"` headers (PodSecurity warn/audit levels, deprecations). */
function warningsOf(h: string | string[] | undefined): string[] {
  const all = h === undefined ? [] : Array.isArray(h) ? h : [h];
  return all.map((w) => w.replace(/^299 - "?/, '').replace(/"$/, ''));
}

function statusMessage(status: number, json: Json): string {
  const m = json !== null && typeof json === 'object' && !Array.isArray(json) ? json['message'] : undefined;
  return `${status} ${typeof m === 'string' ? m : JSON.stringify(json)}`;
}

function forCreate(o: Obj): Obj {
  const copy = structuredClone(o);
  delete copy.metadata['uid'];
  delete copy.metadata['resourceVersion'];
  return copy;
}

async function applyOne(api: RawClient, o: Obj, file: string): Promise<Outcome> {
  const ref = refOf(o);
  let action: Outcome['action'] = 'created';
  try {
    const collection = await api.collection(o);
    let res = await api.request('POST', collection, forCreate(o));
    if (res.status === 409) {
      const item = `${collection}/${o.metadata.name}`;
      const current = await api.request('GET', item);
      const next = forCreate(o);
      next.metadata['resourceVersion'] = ((current.json as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion) ?? '';
      res = await api.request('PUT', item, next);
      action = 'replaced';
    }
    if (res.status >= 300) return { ref, file, action: 'rejected', error: statusMessage(res.status, res.json), changed: [], warnings: res.warnings };
    const changed: string[] = [];
    changedLeaves(o as unknown as Json, res.json, '', changed);
    return { ref, file, action, changed, warnings: res.warnings };
  } catch (err) {
    return { ref, file, action: 'rejected', error: String(err), changed: [], warnings: [] };
  }
}

interface Started { kubeconfig: string; child: ChildProcess; dir: string }

async function startApiserver(): Promise<Started> {
  const bin = join(REPO, '.cache', 'bin', 'palisade-test-apiserver');
  const dir = await mkdtemp(join(tmpdir(), 'palisade-demo-'));
  const child = spawn(bin, ['-dir', dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('READY ')) {
      const info = JSON.parse(line.slice(6)) as { kubeconfig: string };
      return { kubeconfig: info.kubeconfig, child, dir };
    }
  }
  throw new Error(`${bin} exited before printing READY`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { kubeconfig: { type: 'string' }, 'start-apiserver': { type: 'boolean' }, json: { type: 'boolean' } } });
  let started: Started | undefined;
  const kc = new KubeConfig();
  if (values['start-apiserver']) {
    started = await startApiserver();
    kc.loadFromFile(started.kubeconfig);
  } else if (values.kubeconfig) kc.loadFromFile(values.kubeconfig);
  else kc.loadFromDefault();
  const api = new RawClient(kc);

  const objects: { o: Obj; file: string }[] = [];
  for (const file of await yamlFiles(HERE)) {
    for (const doc of parseAllDocuments(await readFile(file, 'utf8'))) {
      const v = doc.toJS() as Obj | null;
      if (v) objects.push({ o: v, file: relative(REPO, file) });
    }
  }
  objects.sort((a, b) => rank(a.o.kind) - rank(b.o.kind));

  const outcomes: Outcome[] = [];
  try {
    for (const { o, file } of objects) outcomes.push(await applyOne(api, o, file));
  } finally {
    if (started) {
      started.child.stdin?.end();
      started.child.kill('SIGTERM');
      await new Promise((r) => started!.child.once('exit', r));
      await rm(started.dir, { recursive: true, force: true });
    }
  }

  if (values.json) process.stdout.write(JSON.stringify(outcomes, null, 2) + '\n');
  else {
    const count = (a: Outcome['action']): number => outcomes.filter((x) => x.action === a).length;
    process.stdout.write(`${outcomes.length} objects: ${count('created')} created, ${count('replaced')} replaced (already existed), ${count('rejected')} rejected\n`);
    for (const x of outcomes) {
      if (x.action === 'rejected') process.stdout.write(`REJECTED ${x.ref} (${x.file}): ${x.error}\n`);
      for (const w of x.warnings) process.stdout.write(`WARNING  ${x.ref}: ${w}\n`);
      if (x.changed.length > 0) process.stdout.write(`CHANGED  ${x.ref} (${x.file}):\n${x.changed.map((c) => `    ${c}`).join('\n')}\n`);
    }
  }
  return outcomes.some((x) => x.action === 'rejected') ? 1 : 0;
}

process.exitCode = await main();
