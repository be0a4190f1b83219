/**
 * Live benchmark at about 100k objects: starts the test kube-apiserver (.cache/bin/palisade-test-apiserver),
 * bulk-loads a generated cluster (benchmarks/generate.ts: namespaces, pods owned by ReplicaSets owned
 * by Deployments, Services, NetworkPolicies, RBAC, ConfigMaps, nodes) over HTTP/2, then, as
 * Palisade's own ServiceAccount bound to manifests/base's ClusterRole, measures in child processes:
 *
 *   raw        a paged LIST (limit 500, `continue`) + JSON.parse of the same kinds, objects discarded:
 *              the floor (shared/reference/performance.md §7, "B0"); run before and after the others
 *   inventory  Palisade's live inventory only: liveSnapshot() and the Snapshot indexes, no rules
 *   snapshot   `palisade snapshot --output FILE` (inventory + the snapshot file)
 *   scan       `palisade scan --format json --output FILE` (inventory, rules, JSON report)
 *
 * Each child runs with the V8 and malloc settings the CLI restarts itself with (src/cli/heap.ts) and reports
 * wall, CPU (user+sys) and peak RSS (process.resourceUsage().maxRSS at exit).
 *
 *   npm run bench:live                          # builds dist/, ~100k objects
 *   node benchmarks/live.ts --objects 20000     # smaller; --no-write leaves results/ alone
 *   node benchmarks/live.ts --readme-from benchmarks/results/live-100k.json   # re-render the README section
 *   node benchmarks/live.ts --hold              # load, print the ServiceAccount kubeconfig, keep the cluster up until
 *                                               # SIGINT/SIGTERM (profile with --inventory-only KUBECONFIG meanwhile)
 *   PALISADE_BENCH_PAGE_WORKER=0 node benchmarks/live.ts --inventory-only KUBECONFIG
 *                                               # the inventory with pages read on the main thread (no page worker)
 *
 * Results: benchmarks/results/live-<N/1000>k.json and the "Live scan" section of benchmarks/README.md.
 * Secrets from the generator are not loaded: Palisade never lists them.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as https from 'node:https';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { execa } from 'execa';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { startCluster, type RunningCluster } from '../test/cluster/harness.ts';
import { LIVE_KINDS, METADATA_ONLY_ACCEPT, NEVER_LIST } from '../src/inventory/live/kinds.ts';
import { generate } from './generate.ts';
import { MALLOC_ENV, SEMI_SPACE_MB } from '../src/cli/heap.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(REPO, 'dist', 'cli', 'main.js');
const NODE = process.execPath;
const README = join(REPO, 'benchmarks', 'README.md');
const PAGE = 500;

type Obj = { apiVersion: string; kind: string; metadata: Record<string, unknown> & { name: string; namespace?: string }; [k: string]: unknown };

// ---------------------------------------------------------------- HTTP/2 loader

interface Answer {
  status: number;
  body: string;
}

/** A few HTTP/2 sessions to the API server; requests spread over them, many streams each. */
class H2 {
  private readonly sessions: http2.ClientHttp2Session[] = [];
  private next = 0;
  constructor(server: string, tls: { ca?: Buffer | string; cert?: Buffer | string; key?: Buffer | string }, count: number) {
    for (let i = 0; i < count; i++) {
      const s = http2.connect(server, { ...tls } as http2.SecureClientSessionOptions);
      s.on('error', () => {});
      this.sessions.push(s);
    }
  }
  request(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer> {
    const s = this.sessions[this.next++ % this.sessions.length]!;
    return new Promise((resolve, reject) => {
      const req = s.request({ ':method': method, ':path': path, ...(body !== undefined ? { 'content-type': contentType } : {}), accept: 'application/json' });
      const chunks: Buffer[] = [];
      let status = 0;
      req.on('response', (h) => (status = Number(h[':status'])));
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
      req.on('error', reject);
      if (body !== undefined) req.end(body);
      else req.end();
    });
  }
  close(): void {
    for (const s of this.sessions) s.close();
  }
}

/** HTTP/2 sessions to the API server as the harness's admin (client certificate). */
async function adminH2(cluster: RunningCluster, sessions: number): Promise<H2> {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  return new H2(cluster.server, { ca: opts.ca as Buffer, cert: opts.cert as Buffer, key: opts.key as Buffer }, sessions);
}

function collectionPath(apiVersion: string, plural: string, namespace: string | undefined): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
}

const PLURAL: Record<string, string> = {
  Node: 'nodes',
  Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Service: 'services',
  Pod: 'pods',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  NetworkPolicy: 'networkpolicies',
  IngressClass: 'ingressclasses',
  StorageClass: 'storageclasses',
};

/** Server-assigned fields out; owner UIDs mapped from the generator's to the server's. */
function forCreate(o: Obj, uids: Map<string, string>): Obj {
  const { uid: _u, resourceVersion: _rv, creationTimestamp: _ct, managedFields: _mf, generation: _g, ...metadata } = o.metadata;
  const out: Obj = { ...o, metadata: { ...metadata, name: o.metadata.name } };
  delete out['status'];
  const owners = metadata['ownerReferences'];
  if (Array.isArray(owners)) {
    out.metadata['ownerReferences'] = owners.map((r: Record<string, unknown>) => ({ ...r, uid: uids.get(String(r['uid'])) ?? r['uid'] }));
  }
  if (o.kind === 'Service') {
    const spec = { ...(o['spec'] as Record<string, unknown>) };
    if (spec['clusterIP'] !== 'None') delete spec['clusterIP'];
    delete spec['clusterIPs'];
    out['spec'] = spec;
  }
  return out;
}

interface LoadStats {
  created: number;
  existed: number;
  failed: Record<string, { count: number; first: string }>;
  seconds: number;
}

/** Creates objects with `concurrency` requests in flight; records server UIDs of what it created. */
async function createAll(h2: H2, objects: readonly Obj[], uids: Map<string, string>, concurrency: number, stats: LoadStats, onTick: () => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < objects.length) {
      const o = objects[next++]!;
      const body = JSON.stringify(forCreate(o, uids));
      const path = collectionPath(o.apiVersion, PLURAL[o.kind]!, o.metadata.namespace);
      for (let attempt = 0; ; attempt++) {
        let a: Answer;
        try {
          a = await h2.request('POST', path, body);
        } catch (err) {
          if (attempt < 5) continue;
          a = { status: 0, body: String(err) };
        }
        if ((a.status === 429 || a.status >= 500) && attempt < 8) {
          await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
          continue;
        }
        if (a.status === 201 || a.status === 200) {
          stats.created++;
          const uid = (JSON.parse(a.body) as { metadata?: { uid?: string } }).metadata?.uid;
          if (uid && typeof o.metadata.uid === 'string') uids.set(o.metadata.uid, uid);
        } else if (a.status === 409) {
          stats.existed++;
        } else {
          const f = (stats.failed[o.kind] ??= { count: 0, first: '' });
          f.count++;
          if (!f.first) f.first = `HTTP ${a.status}: ${a.body.slice(0, 300)}`;
        }
        break;
      }
      onTick();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function load(cluster: RunningCluster, objects: Obj[], concurrency: number): Promise<LoadStats> {
  const h2 = await adminH2(cluster, 4);
  const byKind = (kinds: string[]): Obj[] => objects.filter((o) => kinds.includes(o.kind));
  // Owners before what they own: server UIDs of Deployments go into ReplicaSets, then into Pods.
  const phases = [
    ['Node', 'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'IngressClass', 'StorageClass'],
    ['ServiceAccount', 'ConfigMap', 'Service', 'Role', 'RoleBinding', 'NetworkPolicy', 'Deployment'],
    ['ReplicaSet'],
    ['Pod'],
  ];
  const stats: LoadStats = { created: 0, existed: 0, failed: {}, seconds: 0 };
  const uids = new Map<string, string>();
  const total = phases.reduce((n, p) => n + byKind(p).length, 0);
  const t0 = performance.now();
  let last = t0;
  let done = 0;
  const tick = (): void => {
    done++;
    const now = performance.now();
    if (now - last >= 5000) {
      last = now;
      const s = (now - t0) / 1000;
      log(`load: ${done}/${total} (${Math.round(done / s)}/s, ${s.toFixed(0)} s)`);
    }
  };
  try {
    for (const kinds of phases) await createAll(h2, byKind(kinds), uids, concurrency, stats, tick);
  } finally {
    h2.close();
  }
  stats.seconds = round((performance.now() - t0) / 1000);
  return stats;
}

/** Where the API server keeps each kind in etcd (`/registry/<prefix>/[<namespace>/]<name>`). */
const ETCD_PREFIX: Record<string, string> = { ...PLURAL, Node: 'minions', Service: 'services/specs' };

/** Bootstrap objects the API server owns: never overwritten. */
const BOOTSTRAP_NAMES = new Set(['ClusterRole/edit']);

/**
 * `--load etcd` (default): writes objects, 100 per transaction, as JSON straight into the API server's etcd (through
 * etcd's gRPC gateway), the storage form the API server reads back; the API server's watch cache
 * picks them up. About 20× faster than POSTing through admission on a shared 2-core machine (the
 * API path measured 40–130 objects/s there). Objects are stored as the generator wrote them
 * (managedFields, status, its UIDs, so owner references resolve), without resourceVersion.
 */
async function loadEtcd(cluster: RunningCluster, objects: Obj[], concurrency: number): Promise<LoadStats> {
  const etcd = new URL(cluster.etcd);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  // One etcd transaction per batch of objects (etcd allows 128 operations per transaction).
  const txn = (puts: { key: string; value: string }[]): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({
        success: puts.map((p) => ({ requestPut: { key: Buffer.from(p.key).toString('base64'), value: Buffer.from(p.value).toString('base64') } })),
      });
      const r = http.request(new URL('/v3/kv/txn', etcd), { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(body);
    });
  const stats: LoadStats = { created: 0, existed: 0, failed: {}, seconds: 0 };
  const todo = objects.filter((o) => ETCD_PREFIX[o.kind] && !BOOTSTRAP_NAMES.has(`${o.kind}/${o.metadata.name}`));
  const BATCH = 100;
  const t0 = performance.now();
  let last = t0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const batch = todo.slice(next, next + BATCH);
      next += BATCH;
      const puts = batch.map((o) => {
        const { resourceVersion: _rv, ...metadata } = o.metadata;
        const ns = o.metadata.namespace;
        return { key: `/registry/${ETCD_PREFIX[o.kind]!}/${ns ? `${ns}/` : ''}${o.metadata.name}`, value: JSON.stringify({ ...o, metadata }) };
      });
      let a: Answer;
      try {
        a = await txn(puts);
      } catch (err) {
        a = { status: 0, body: String(err) };
      }
      if (a.status === 200) stats.created += batch.length;
      else {
        const f = (stats.failed[batch[0]!.kind] ??= { count: 0, first: '' });
        f.count += batch.length;
        if (!f.first) f.first = `HTTP ${a.status}: ${a.body.slice(0, 300)}`;
      }
      const now = performance.now();
      if (now - last >= 5000) {
        last = now;
        const secs = (now - t0) / 1000;
        log(`load (etcd): ${stats.created}/${todo.length} (${Math.round(stats.created / secs)}/s, ${secs.toFixed(0)} s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  stats.seconds = round((performance.now() - t0) / 1000);
  return stats;
}

/** Waits until the API server lists as many Pods as were written (its watch cache has caught up). */
async function waitForPods(cluster: RunningCluster, want: number): Promise<number> {
  let h2 = await adminH2(cluster, 1);
  const t0 = performance.now();
  try {
    for (;;) {
      let n = 0;
      let cont = '';
      try {
        do {
          const a = await h2.request('GET', `/api/v1/pods?limit=5000${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
          const list = JSON.parse(a.body) as { items?: unknown[]; metadata?: { continue?: string } };
          n += list.items?.length ?? 0;
          cont = list.metadata?.continue ?? '';
        } while (cont);
      } catch (err) {
        // A busy API server catching up with etcd may reset the stream: ask again on a new session.
        log(`  listing pods failed (${(err as Error).message}); retrying`);
        h2.close();
        h2 = await adminH2(cluster, 1);
        n = 0;
      }
      if (n >= want || performance.now() - t0 > 300_000) return n;
      log(`  API server lists ${n}/${want} pods; waiting`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  } finally {
    h2.close();
  }
}

// ---------------------------------------------------------------- Palisade's ServiceAccount

/** Applies manifests/base's Namespace, ServiceAccount and RBAC; returns a token kubeconfig for the SA. */
async function serviceAccountKubeconfig(cluster: RunningCluster, dir: string): Promise<string> {
  const h2 = await adminH2(cluster, 1);
  try {
    const base = join(REPO, 'manifests', 'base');
    const kust = parseYaml(await readFile(join(base, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    const wanted = new Set(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']);
    let sa: Obj | undefined;
    for (const file of kust.resources) {
      for (const doc of parseAllDocuments(await readFile(join(base, file), 'utf8'))) {
        const o = doc.toJS() as Obj;
        if (!o || !wanted.has(o.kind)) continue;
        if (o.kind === 'ServiceAccount') sa = o;
        const path = `${collectionPath(o.apiVersion, PLURAL[o.kind]!, o.metadata.namespace)}/${o.metadata.name}?fieldManager=palisade-bench&force=true`;
        const a = await h2.request('PATCH', path, JSON.stringify(o), 'application/apply-patch+yaml');
        if (a.status >= 300) throw new Error(`apply ${o.kind}/${o.metadata.name}: HTTP ${a.status}: ${a.body.slice(0, 300)}`);
      }
    }
    if (!sa) throw new Error('manifests/base has no ServiceAccount');
    const ns = sa.metadata.namespace!;
    const a = await h2.request(
      'POST',
      `/api/v1/namespaces/${ns}/serviceaccounts/${sa.metadata.name}/token`,
      JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 7200 } }),
    );
    const token = (JSON.parse(a.body) as { status?: { token?: string } }).status?.token;
    if (!token) throw new Error(`TokenRequest for ${ns}/${sa.metadata.name}: HTTP ${a.status}: ${a.body.slice(0, 300)}`);
    const ca = (await readFile(cluster.ca)).toString('base64');
    const path = join(dir, 'sa.kubeconfig');
    const user = `system:serviceaccount:${ns}:${sa.metadata.name}`;
    await writeFile(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: bench, cluster: {server: "${cluster.server}", certificate-authority-data: "${ca}"}}]`,
        `users: [{name: "${user}", user: {token: "${token}"}}]`,
        `contexts: [{name: bench, context: {cluster: bench, user: "${user}"}}]`,
        'current-context: bench',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    return path;
  } finally {
    h2.close();
  }
}

// ---------------------------------------------------------------- child modes

/** `--raw-list KUBECONFIG`: paged LIST + JSON.parse of Palisade's kinds, nothing kept. Prints one JSON line. */
async function rawList(kubeconfig: string): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const server = new URL(kc.getCurrentCluster()!.server);
  const base: https.RequestOptions = { headers: {} };
  await kc.applyToHTTPSOptions(base);
  const agent = new https.Agent({ ca: base.ca, keepAlive: true, maxSockets: 8 });
  const get = (path: string, accept = 'application/json'): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const r = https.request(new URL(path, server), { agent, headers: { ...(base.headers as Record<string, string>), Accept: accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end();
    });
  // Preferred version per group, as Palisade's discovery picks it.
  const groups = JSON.parse((await get('/apis')).body) as { groups: { name: string; preferredVersion: { groupVersion: string } }[] };
  const gv = new Map(groups.groups.map((g) => [g.name, g.preferredVersion.groupVersion]));
  gv.set('', 'v1');
  let pages = 0;
  let objects = 0;
  let bytes = 0;
  const listAll = async (path: string, accept?: string): Promise<void> => {
    let cont: string | undefined;
    do {
      const q = `?limit=${PAGE}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
      const a = await get(path + q, accept);
      if (a.status !== 200) return; // a kind this server does not serve (optional CRDs)
      pages++;
      bytes += a.body.length;
      const list = JSON.parse(a.body) as { items: unknown[]; metadata?: { continue?: string } };
      objects += list.items.length;
      cont = list.metadata?.continue || undefined;
    } while (cont);
  };
  const work = LIVE_KINDS.filter((k) => !NEVER_LIST.has(k.resource) && gv.has(k.group));
  let i = 0;
  const worker = async (): Promise<void> => {
    while (i < work.length) {
      const k = work[i++]!;
      const path = collectionPath(gv.get(k.group)!, k.resource, undefined);
      await listAll(path, k.metadataOnly ? METADATA_ONLY_ACCEPT : undefined);
      for (const ns of k.metadataOnly ? (k.fullIn ?? []) : []) await listAll(collectionPath(gv.get(k.group)!, k.resource, ns));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  agent.destroy();
  process.stdout.write(JSON.stringify({ pages, objects, bytes }) + '\n');
}

/** `--inventory-only KUBECONFIG`: liveSnapshot() from dist/ and nothing else. Prints one JSON line. */
async function inventoryOnly(kubeconfig: string): Promise<void> {
  const { liveSnapshot } = (await import(join(REPO, 'dist', 'inventory', 'live.js'))) as {
    liveSnapshot: (o: { kubeconfig: string; pageWorker: boolean; onProgress: (l: string) => void }) => Promise<{ objects: readonly unknown[]; gaps: readonly { kind: string }[] }>;
  };
  let pages = 0;
  const snap = await liveSnapshot({
    kubeconfig,
    pageWorker: process.env['PALISADE_BENCH_PAGE_WORKER'] !== '0',
    onProgress: (l) => {
      const m = /^\[live\] listed .* \((\d+) pages\)/.exec(l);
      if (m) pages = Number(m[1]);
    },
  });
  const heapMiB = process.memoryUsage().heapUsed / 1048576;
  process.stdout.write(JSON.stringify({ pages, objects: snap.objects.length, gaps: snap.gaps.map((g) => g.kind), heapUsedMiB: round(heapMiB, 1) }) + '\n');
}

// ---------------------------------------------------------------- measuring

interface Measured {
  exitCode: number;
  wallSeconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  serverCpuSeconds: number;
  stdout: string;
  stderr: string;
}

const RSS_PROBE =
  "process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('PALISADE_BENCH_MAXRSS_KB='+u.maxRSS+' PALISADE_BENCH_CPU_US='+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

/** CPU seconds a process has used so far (Linux /proc; the kernel counts in clock ticks). */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  clockTicks ??= Number((await execa('getconf', ['CLK_TCK'])).stdout.trim()) || 100;
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Clock ticks per second, asked once and only by the parent (the measured children never need it). */
let clockTicks: number | undefined;

/** The API server (with its embedded etcd) whose CPU each measured run also costs; set once it runs. */
let serverPid: number | undefined;

async function measure(args: string[], okExit: readonly number[] = [0]): Promise<Measured> {
  const server0 = serverPid !== undefined ? await processCpuSeconds(serverPid) : 0;
  const t0 = process.hrtime.bigint();
  // Children that are not the CLI get the settings the CLI restarts itself with (src/cli/heap.ts),
  // so raw, inventory and scan are measured alike.
  const settings = args[0] === CLI ? [] : [`--max-semi-space-size=${SEMI_SPACE_MB}`];
  const child = await execa(NODE, ['--import', `data:text/javascript,${encodeURIComponent(RSS_PROBE)}`, ...settings, ...args], {
    reject: false,
    cwd: REPO,
    env: { ...MALLOC_ENV },
    stdout: 'pipe',
    stderr: 'pipe',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const stderr = String(child.stderr);
  if (!okExit.includes(child.exitCode ?? -1)) {
    throw new Error(`node ${args.join(' ')} exited ${String(child.exitCode)}:\n${stderr.split('\n').slice(-15).join('\n')}`);
  }
  const m = /PALISADE_BENCH_MAXRSS_KB=(\d+) PALISADE_BENCH_CPU_US=(\d+)/.exec(stderr);
  if (!m) throw new Error(`no resource usage reported for node ${args.join(' ')}`);
  const serverCpuSeconds = serverPid !== undefined ? round((await processCpuSeconds(serverPid)) - server0, 2) : 0;
  return { exitCode: child.exitCode ?? -1, wallSeconds: round(wallSeconds), cpuSeconds: round(Number(m[2]) / 1e6), maxRssMiB: round(Number(m[1]) / 1024, 1), serverCpuSeconds, stdout: String(child.stdout), stderr };
}

interface Figures {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  /** CPU the API server used while this run listed it: on a 2-core machine it competes for the same cores. */
  serverCpuSeconds: number;
}

function figures(m: Measured): Figures {
  return { wallSeconds: m.wallSeconds, cpuSeconds: m.cpuSeconds, maxRssMiB: m.maxRssMiB, serverCpuSeconds: m.serverCpuSeconds };
}

/** The scan's own account of its phases (stderr): seconds listing, and seconds evaluating rules. */
function scanPhases(stderr: string): { listingSeconds: number; evaluationSeconds: number } {
  const listing = /\[live\] listed .* in ([\d.]+) s \(/.exec(stderr);
  const evaluation = /evaluated \d+ rules over .* in ([\d.]+) s/.exec(stderr);
  return { listingSeconds: Number(listing?.[1] ?? Number.NaN), evaluationSeconds: Number(evaluation?.[1] ?? Number.NaN) };
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function log(line: string): void {
  process.stderr.write(`[bench:live] ${line}\n`);
}

function lastJsonLine(text: string): Record<string, unknown> {
  const line = text.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      objects: { type: 'string', default: '100000' },
      namespaces: { type: 'string' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '128' },
      load: { type: 'string', default: 'etcd' },
      'no-write': { type: 'boolean', default: false },
      'raw-list': { type: 'string' },
      'inventory-only': { type: 'string' },
      'readme-from': { type: 'string' },
      hold: { type: 'boolean', default: false },
    },
  });
  if (values['raw-list']) return rawList(values['raw-list']);
  if (values['inventory-only']) return inventoryOnly(values['inventory-only']);
  if (values['readme-from']) return updateReadme(JSON.parse(await readFile(values['readme-from'], 'utf8')) as Parameters<typeof updateReadme>[0]);

  const target = Number(values.objects);
  const namespaces = Number(values.namespaces ?? Math.max(10, Math.round(target / 100)));
  const gen = generate({ objects: target, namespaces, seed: Number(values.seed) });
  const all = [...gen.cluster, ...[...gen.byNamespace.values()].flat()] as unknown as Obj[];
  const objects = all.filter((o) => o.kind !== 'Secret');
  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  log(`generated ${all.length} objects; loading ${objects.length} (Secrets left out: Palisade never lists them)`);

  const dir = await mkdtemp(join(tmpdir(), 'palisade-bench-live-'));
  const t0 = performance.now();
  // Wide service range (5% of objects are Services); ServiceAccount and PodSecurity admission off for
  // the bulk load only (no controller-manager creates tokens; planted privileged pods must be stored).
  const cluster = await startCluster({
    dir: join(dir, 'cluster'),
    extraArgs: ['--service-cluster-ip-range=10.96.0.0/16', '--disable-admission-plugins=ServiceAccount,PodSecurity'],
  });
  log(`apiserver ready in ${cluster.startupMs} ms at ${cluster.server}`);
  serverPid = cluster.pid;
  try {
    const viaEtcd = values.load !== 'api';
    const stats = viaEtcd ? await loadEtcd(cluster, objects, 4) : await load(cluster, objects, Number(values.concurrency));
    if (viaEtcd) log(`API server lists ${await waitForPods(cluster, objects.filter((o) => o.kind === 'Pod').length)} pods`);
    log(`loaded ${stats.created} objects in ${stats.seconds} s (${Math.round(stats.created / stats.seconds)}/s); ${stats.existed} existed; failures: ${JSON.stringify(stats.failed)}`);
    const kubeconfig = await serviceAccountKubeconfig(cluster, dir);
    if (values.hold) {
      log(`holding: kubeconfig ${kubeconfig}; SIGINT or SIGTERM stops the cluster`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      return;
    }

    log('raw paged LIST + JSON.parse (1/2)');
    const raw1 = await measure(['benchmarks/live.ts', '--raw-list', kubeconfig]);
    log(`  ${JSON.stringify(figures(raw1))} ${raw1.stdout.trim()}`);
    log('palisade inventory only (liveSnapshot)');
    const inv = await measure(['benchmarks/live.ts', '--inventory-only', kubeconfig]);
    log(`  ${JSON.stringify(figures(inv))} ${inv.stdout.trim()}`);
    log('palisade snapshot --output');
    const snapFile = join(dir, 'snapshot.json.gz');
    // Exit 3 = incomplete: the generated Nodes have no kubelets, so their configuration cannot be read.
    const snap = await measure([CLI, 'snapshot', '--kubeconfig', kubeconfig, '--output', snapFile], [0, 3]);
    log(`  ${JSON.stringify(figures(snap))}`);
    log('palisade scan --format json --output');
    const report = join(dir, 'report.json');
    const scan = await measure([CLI, 'scan', '--kubeconfig', kubeconfig, '--format', 'json', '--output', report], [0, 1, 2, 3]);
    log(`  ${JSON.stringify(figures(scan))}`);
    const result = JSON.parse(await readFile(report, 'utf8')) as { summary?: { objects?: { total?: number }; counts?: Record<string, number> }; results?: unknown[] };
    // Every result, compact passes included (ScanResult 2.0 lists only the full ones in `results`).
    const resultCount = Object.values(result.summary?.counts ?? {}).reduce((a, b) => a + b, 0);
    const reportBytes = (await readFile(report)).length;
    log('raw paged LIST + JSON.parse (2/2)');
    const raw2 = await measure(['benchmarks/live.ts', '--raw-list', kubeconfig]);
    log(`  ${JSON.stringify(figures(raw2))}`);

    const rawInfo = lastJsonLine(raw1.stdout);
    const invInfo = lastJsonLine(inv.stdout);
    const rawWall = (raw1.wallSeconds + raw2.wallSeconds) / 2;
    const rawCpu = (raw1.cpuSeconds + raw2.cpuSeconds) / 2;
    const scanPages = Number(/\[live\] listed .* \((\d+) pages\)/.exec(scan.stderr)?.[1] ?? Number.NaN);
    const out = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: round(totalmem() / 2 ** 30, 1), loadavg: loadavg().map((l) => round(l, 2)), node: process.version },
      cluster: { generatedObjects: all.length, loadedObjects: stats.created, byKind: counts, namespaces, apiserverStartupMs: cluster.startupMs },
      load: { seconds: stats.seconds, objectsPerSecond: Math.round(stats.created / stats.seconds), via: viaEtcd ? 'etcd gRPC gateway, JSON storage form, transactions of 100 objects, 4 in flight' : `API POST over HTTP/2 (4 sessions), ${values.concurrency} in flight`, failed: stats.failed },
      identity: 'ServiceAccount palisade/palisade, manifests/base ClusterRole (token kubeconfig)',
      pageSize: PAGE,
      raw: { runs: [figures(raw1), figures(raw2)], pages: rawInfo['pages'], objects: rawInfo['objects'], bodyMiB: round(Number(rawInfo['bytes']) / 1048576, 1) },
      inventory: { ...figures(inv), pages: invInfo['pages'], objects: invInfo['objects'], gaps: invInfo['gaps'], heapUsedAfterMiB: invInfo['heapUsedMiB'] },
      snapshot: { ...figures(snap), exitCode: snap.exitCode, fileBytes: (await readFile(snapFile)).length },
      scan: { ...figures(scan), ...scanPhases(scan.stderr), exitCode: scan.exitCode, pages: scanPages, objects: result.summary?.objects?.total, results: resultCount, fullResults: result.results?.length, reportMiB: round(reportBytes / 1048576, 1) },
      ratios: {
        inventoryWallToRaw: round(inv.wallSeconds / rawWall, 2),
        inventoryCpuToRaw: round(inv.cpuSeconds / rawCpu, 2),
        scanWallToRaw: round(scan.wallSeconds / rawWall, 2),
        scanCpuToRaw: round(scan.cpuSeconds / rawCpu, 2),
      },
      targets: { scanMaxRssMiB: 512, scanWallToRaw: 1.5 },
      totalSeconds: round((performance.now() - t0) / 1000, 1),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    if (!values['no-write']) {
      const file = join(REPO, 'benchmarks', 'results', `live-${Math.round(target / 1000)}k.json`);
      await writeFile(file, JSON.stringify(out, null, 2) + '\n');
      await updateReadme(out);
      log(`wrote ${file} and benchmarks/README.md`);
    }
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const BEGIN = '<!-- live-benchmark:begin -->';
const END = '<!-- live-benchmark:end -->';

/** Rewrites the "Live scan" section of benchmarks/README.md (between its markers) from the results. */
async function updateReadme(r: {
  cluster: { loadedObjects: number };
  machine: { cpus: number };
  load: { seconds: number; objectsPerSecond: number; via: string };
  raw: { runs: Figures[]; pages: unknown; bodyMiB: number };
  inventory: Figures & { pages: unknown; objects: unknown };
  snapshot: Figures;
  scan: Figures & { pages: number; objects: unknown; results: unknown; listingSeconds: number; evaluationSeconds: number };
  ratios: Record<string, number>;
  generatedAt: string;
}): Promise<void> {
  const rawCpu = (r.raw.runs[0]!.cpuSeconds + r.raw.runs[1]!.cpuSeconds) / 2;
  const rawWall = (r.raw.runs[0]!.wallSeconds + r.raw.runs[1]!.wallSeconds) / 2;
  const rawServer = (r.raw.runs[0]!.serverCpuSeconds + r.raw.runs[1]!.serverCpuSeconds) / 2;
  const row = (name: string, m: Figures, pages: unknown): string =>
    `| ${name} | ${m.wallSeconds} | ${m.cpuSeconds} | ${m.serverCpuSeconds} | ${m.maxRssMiB} | ${String(pages ?? '—')} | ${round(m.cpuSeconds / rawCpu, 2)}× | ${round(m.wallSeconds / rawWall, 2)}× |`;
  // With the server on the same cores, no run can take less wall time than all the CPU it and the
  // server used, spread over every core.
  const floor = (m: Figures): number => round((m.cpuSeconds + m.serverCpuSeconds) / r.machine.cpus, 1);
  const section = [
    BEGIN,
    `Measured ${r.generatedAt.slice(0, 10)} by \`npm run bench:live\` (benchmarks/live.ts) on the shared ${r.machine.cpus}-core machine: ${r.cluster.loadedObjects} objects`,
    `(1,000 namespaces; Pods owned by ReplicaSets owned by Deployments, Services, NetworkPolicies, RBAC, ConfigMaps, Nodes) loaded`,
    `into the test kube-apiserver in ${r.load.seconds} s (${r.load.objectsPerSecond}/s; ${r.load.via}), then listed as Palisade's`,
    `ServiceAccount with the manifests/base ClusterRole, pages of 500. Raw = paged LIST + \`JSON.parse\` of the same kinds,`,
    `nothing kept, run before and after the others; ratios are to their mean. Each run is one child process; wall times swing`,
    `with the machine's load (other work shares the cores), CPU times are steadier. "API server CPU" is what the API server`,
    `(with its embedded etcd) used during the run, read from /proc. Figures: benchmarks/results/live-100k.json.`,
    '',
    '| run | wall s | CPU s | API server CPU s | peak RSS MiB | pages | CPU vs raw | wall vs raw |',
    '|---|---|---|---|---|---|---|---|',
    row('raw LIST + JSON.parse (before)', r.raw.runs[0]!, r.raw.pages),
    row('raw LIST + JSON.parse (after)', r.raw.runs[1]!, r.raw.pages),
    row(`inventory only (liveSnapshot, ${String(r.inventory.objects)} objects)`, r.inventory, r.inventory.pages),
    row('`palisade snapshot --output` (inventory + file)', r.snapshot, r.inventory.pages),
    row(`\`palisade scan --format json\` (${String(r.scan.results)} results)`, r.scan, Number.isNaN(r.scan.pages) ? null : r.scan.pages),
    '',
    `The scan's own phases: listing ${r.scan.listingSeconds} s, rule evaluation ${r.scan.evaluationSeconds} s, the rest (start-up, kubelet reads, snapshot indexes, scoring, the report) ` +
      `${round(r.scan.wallSeconds - r.scan.listingSeconds - r.scan.evaluationSeconds, 1)} s. The API server and the scanner share ${r.machine.cpus} cores, so a run's wall time cannot be less than ` +
      `(its CPU + the server's CPU) / ${r.machine.cpus}: ${floor(r.raw.runs[0]!)} s for raw, ${floor(r.scan)} s for the scan (${round(rawServer, 1)} s of server CPU per raw listing).`,
    '',
    `Targets (issue 12): scan peak RSS ≤ 512 MiB (${r.scan.maxRssMiB} MiB: ${r.scan.maxRssMiB <= 512 ? 'met' : '**missed**'}), ` +
      `scan ≤ 1.5× raw (${round(r.scan.wallSeconds / rawWall, 2)}× wall, ${round(r.scan.cpuSeconds / rawCpu, 2)}× CPU: ` +
      `${r.scan.wallSeconds / rawWall <= 1.5 ? 'met on wall' : '**missed**'}).`,
    END,
  ].join('\n');
  const text = await readFile(README, 'utf8');
  const next = text.includes(BEGIN)
    ? text.slice(0, text.indexOf(BEGIN)) + section + text.slice(text.indexOf(END) + END.length)
    : `${text.trimEnd()}\n\n## Live scan at 100k objects\n\n${section}\n`;
  await writeFile(README, next);
}

if (import.meta.main) {
  try {
    await main();
  } catch (err) {
    process.stderr.write(`bench:live: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
