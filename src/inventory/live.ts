/**
 * The live source: lists what Palisade's rules need from a running cluster and builds a Snapshot.
 *
 * - Credentials from client-node's KubeConfig (explicit kubeconfig, in-cluster ServiceAccount,
 *   KUBECONFIG / ~/.kube/config), raw paged JSON LISTs (`limit`/`continue`, never
 *   `resourceVersion=0` with a limit), objects trimmed as each page arrives.
 * - A bounded number of kinds in flight; retries with backoff + jitter on 429/5xx/transport
 *   errors (Retry-After honoured); a per-request timeout and a total deadline.
 * - A 403/404/persistent failure on a kind becomes a KindGap + InventoryError: rules that need
 *   the kind report `unknown` and the scan goes on. Secrets are never listed.
 */
import type { K8sObject } from '../model/k8s.js';
import { KubeClient, loadKubeConfig, statusMessage, TransportError, type KubeResponse } from './live/client.js';
import { collectionPath, discover, findResource, groupVersion, type ApiResource } from './live/discovery.js';
import { LIVE_KINDS, METADATA_ONLY_ACCEPT, NEVER_LIST, type LiveKind } from './live/kinds.js';
import { trimPage, type TrimmedPage } from './live/page.js';
import { PageDecoder, type DecodedPage } from './live/page-decoder.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './live/retry.js';
import { Admission, joinBatches, Snapshot, withoutNamespaces, type CheckedBatch, type InventoryError, type KindGap, type NamespaceLimit } from './snapshot.js';
import { Interner } from './intern.js';
import { relieve } from './memory.js';
import {
  directConfigzFetcher,
  kubeletTlsRecord,
  proxyConfigzFetcher,
  readKubeletConfigs,
  KUBELET_INSECURE_WARNING,
  NODES_PROXY_WARNING,
  type KubeletReadMode,
  type KubeletTls,
} from './kubelet.js';

export interface LiveOptions {
  kubeconfig?: string;
  context?: string;
  clusterName?: string;
  onProgress?: (line: string) => void;
  /** Objects per LIST page (default 500). */
  pageSize?: number;
  /** Whole-scan deadline (default 300 s); kinds not listed by then become `timeout` gaps. */
  deadlineSeconds?: number;
  /** Per-request timeout (default 30 s). */
  requestTimeoutSeconds?: number;
  /** Kinds listed at once (default 4). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Override the kinds to list (tests); defaults to LIVE_KINDS. Secrets are refused regardless. */
  kinds?: readonly LiveKind[];
  /**
   * Read kubelet configuration through the API server proxy (needs nodes/proxy: effectively exec
   * on every node) instead of directly from each kubelet as nodes/configz. Off by default.
   */
  allowNodesProxy?: boolean;
  /**
   * How kubelet serving certificates are verified on the direct path (default: against the
   * kubeconfig's CA). `{ verify: 'none' }` prints KUBELET_INSECURE_WARNING. Not with allowNodesProxy.
   */
  kubeletTls?: KubeletTls;
  /**
   * Live `--namespace` scans: `namespaceOnly` kinds (read only by rules that look at their target's
   * own namespace) are listed in `namespaces` only; any other namespaced kind whose cluster-wide
   * LIST is refused (403) is listed in `namespaces` instead. Both are recorded in
   * `snapshot.namespaceLimits`. Cluster-scoped kinds are always listed cluster-wide.
   */
  namespaceScope?: NamespaceScope;
  /**
   * Parse and trim LIST pages in a worker thread (default true; page-decoder.ts). Pages are read
   * inline when false, when the worker module is not built, or after the worker fails.
   */
  pageWorker?: boolean;
}

export interface NamespaceScope {
  namespaces: readonly string[];
  namespaceOnly: ReadonlySet<string>;
}

interface ListOutcome {
  /** The kind's objects, validated page by page (kept only when the whole kind was listed). */
  batch: CheckedBatch;
  pages: number;
  gap?: KindGap;
  error?: InventoryError;
  /** Listed only in some namespaces. */
  limit?: NamespaceLimit;
}

interface Session {
  client: KubeClient;
  pageSize: number;
  timeoutMs: number;
  retry: RetryPolicy;
  deadline: number;
  signal: AbortSignal;
  progress: (line: string) => void;
  errors: InventoryError[];
  /** One string table for the whole scan (label keys and values, images, namespaces…). */
  interner: Interner;
  /** LIST pages read, all kinds. */
  pagesFetched: number;
  /** Parses and trims pages off the main thread; absent: inline. */
  decoder: PageDecoder | undefined;
  /** Validates each page as it is read, so the Snapshot built at the end only indexes. */
  admission: Admission;
}

export async function liveSnapshot(opts: LiveOptions): Promise<Snapshot> {
  if (opts.allowNodesProxy && opts.kubeletTls && opts.kubeletTls.verify !== 'cluster-ca') {
    throw new Error('kubelet TLS options (kubelet CA, insecure) apply to direct kubelet reads; through the API server proxy (allowNodesProxy) the API server verifies the kubelets');
  }
  const { kc, origin } = loadKubeConfig(opts);
  const client = new KubeClient(kc);
  const deadlineMs = (opts.deadlineSeconds ?? 300) * 1000;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), deadlineMs);
  const progress = opts.onProgress ?? (() => {});
  const decoder = opts.pageWorker === false ? undefined : PageDecoder.start();
  const s: Session = {
    client,
    pageSize: opts.pageSize ?? 500,
    timeoutMs: (opts.requestTimeoutSeconds ?? 30) * 1000,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    deadline: Date.now() + deadlineMs,
    signal: abort.signal,
    progress,
    errors: [],
    interner: new Interner(),
    pagesFetched: 0,
    decoder,
    admission: new Admission(),
  };
  const started = performance.now();
  try {
    const version = await serverVersion(s);
    const resources = await discover((path, accept) => send(s, path, {}, accept));
    const wanted = (opts.kinds ?? LIVE_KINDS).filter((k) => !NEVER_LIST.has(k.resource));
    const plan: { want: LiveKind; res: ApiResource }[] = [];
    const gaps: KindGap[] = [];
    // `listedKinds` = kinds whose complete set is known. A kind the server does not serve (a CRD
    // not installed, a kind this version lacks) is known to be empty, so it counts as listed.
    // Kinds Palisade never reads (Secrets) are never in it: rules that need them cannot be judged.
    const notServed: string[] = [];
    for (const want of wanted) {
      const res = findResource(resources, want.group, want.resource);
      if (res) plan.push({ want, res });
      else notServed.push(want.kind);
    }
    progress(
      `[live] ${client.server} (${origin}${version ? `, ${version}` : ''}): listing ${plan.length} kinds, ${opts.concurrency ?? 4} at a time, pages of ${s.pageSize} parsed ${decoder ? 'in a worker thread' : 'on the main thread'}`,
    );

    const admission = s.admission;
    const listedKinds: string[] = [...notServed];
    const namespaceLimits: NamespaceLimit[] = [];
    if (opts.namespaceScope) {
      const only = plan.filter(({ want, res }) => res.namespaced && opts.namespaceScope!.namespaceOnly.has(want.kind)).map(({ res }) => res.resource);
      progress(`[live] --namespace ${opts.namespaceScope.namespaces.join(', ')}: ${only.length > 0 ? `listing ${only.join(', ')} in these namespaces only` : 'every kind is listed cluster-wide'} (other namespaced kinds cluster-wide, per namespace if refused)`);
    }
    let done = 0;
    let lastLine = performance.now();
    await pool(plan, opts.concurrency ?? 4, async ({ want, res }) => {
      const out = await listKind(s, res, want, opts.namespaceScope);
      done++;
      if (out.limit && !out.gap) namespaceLimits.push(out.limit);
      if (out.gap) {
        gaps.push(out.gap);
        if (out.error) s.errors.push(out.error);
      } else {
        admission.keep(out.batch);
        listedKinds.push(res.kind);
      }
      // Gaps always; otherwise at most one line per PROGRESS_EVERY_MS, so small scans stay quiet.
      const now = performance.now();
      if (out.gap || out.limit?.reason === 'forbidden' || now - lastLine >= PROGRESS_EVERY_MS) {
        lastLine = now;
        progress(
          `[live] ${done}/${plan.length} ${res.resource}: ${out.gap ? `NOT LISTED (${out.gap.code}: ${out.gap.reason})` : `${out.batch.objects.length} in ${out.pages} page(s)${limitText(out.limit)}`}; ${admission.size} objects so far, ${seconds(started)} s`,
        );
      }
    });
    progress(`[live] listed ${admission.size} objects of ${listedKinds.length} kinds in ${seconds(started)} s (${s.pagesFetched} pages)${gaps.length ? `; NOT listed: ${gaps.map((g) => `${g.kind} (${g.code})`).join(', ')}` : ''}`);
    // Kubelet configuration per node (CIS 4.2): synthetic KubeletConfiguration objects, or a gap.
    if (listedKinds.includes('Node')) {
      const tls = opts.kubeletTls ?? { verify: 'cluster-ca' };
      if (opts.allowNodesProxy) progress(NODES_PROXY_WARNING);
      else if (tls.verify === 'none') progress(KUBELET_INSECURE_WARNING);
      const fetch = opts.allowNodesProxy ? proxyConfigzFetcher((path) => send(s, path, {})) : directConfigzFetcher(kc, s.timeoutMs, tls);
      const mode: KubeletReadMode = opts.allowNodesProxy
        ? { via: 'api-server-proxy' }
        : { via: kubeletTlsRecord(tls), ...(tls.verify === 'kubelet-ca' ? { caFile: tls.caFile } : {}) };
      const kubelet = await readKubeletConfigs(admission.ofKind('Node'), fetch, mode);
      admission.keep(admission.check(kubelet.objects));
      s.errors.push(...kubelet.errors);
      if (kubelet.gap) gaps.push(kubelet.gap);
      else listedKinds.push('KubeletConfiguration'); // every node's configuration read (or there are no nodes)
      progress(`[live] kubelet configuration (${mode.via}): ${kubelet.objects.length} node(s) read${kubelet.gap ? `; NOT read (${kubelet.gap.code}: ${kubelet.gap.reason})` : ''}`);
    }
    gaps.sort((a, b) => a.kind.localeCompare(b.kind));
    listedKinds.sort();
    namespaceLimits.sort((a, b) => a.kind.localeCompare(b.kind));
    return new Snapshot({
      objects: admission,
      source: client.server,
      mode: 'live',
      gaps,
      errors: s.errors,
      cluster: { ...(version ? { version } : {}), ...(opts.clusterName ? { name: opts.clusterName } : {}) },
      listedKinds,
      ...(namespaceLimits.length > 0 ? { namespaceLimits } : {}),
    });
  } finally {
    clearTimeout(timer);
    client.close();
    await decoder?.close();
  }
}

const PROGRESS_EVERY_MS = 2000;

function seconds(since: number): number {
  return Math.round(performance.now() - since) / 1000;
}

/** One GET with retries; records each retry as progress. */
function send(s: Session, path: string, query: Record<string, string | number | undefined>, accept?: string, raw = false): Promise<KubeResponse> {
  return withRetry(
    () =>
      s.client.request({
        path,
        query,
        timeoutMs: s.timeoutMs,
        signal: s.signal,
        ...(accept ? { accept } : {}),
        ...(raw ? { raw } : {}),
      }),
    {
      policy: s.retry,
      deadline: s.deadline,
      signal: s.signal,
      onRetry: (why, delay) => s.progress(`[live] ${path}: ${why}, retrying in ${delay} ms`),
    },
  );
}

async function serverVersion(s: Session): Promise<string | undefined> {
  try {
    const res = await send(s, '/version', {});
    if (res.status === 401) throw new Error(`authentication to ${s.client.server} failed (HTTP 401): ${statusMessage(res.body)}`);
    if (res.status !== 200) return undefined;
    const v = JSON.parse(res.body) as { gitVersion?: unknown };
    return typeof v.gitVersion === 'string' ? v.gitVersion : undefined;
  } catch (err) {
    if (err instanceof TransportError) throw new Error(`cannot reach ${s.client.server}: ${err.message}`);
    throw err;
  }
}

function limitText(limit: NamespaceLimit | undefined): string {
  if (!limit) return '';
  return limit.reason === 'forbidden'
    ? ` (cluster-wide LIST forbidden: listed only in ${limit.namespaces.join(', ')})`
    : ` (listed only in ${limit.namespaces.join(', ')})`;
}

/**
 * Lists one kind. With a namespace scope, a namespace-only kind is listed in the scope's namespaces
 * only, and a namespaced kind whose cluster-wide LIST is refused (403) falls back to them; a
 * failure in any of them is the kind's gap (as a cluster-wide failure would be).
 */
async function listKind(s: Session, res: ApiResource, want: LiveKind, scope: NamespaceScope | undefined): Promise<ListOutcome> {
  if (!scope || !res.namespaced) return listKindClusterWide(s, res, want);
  if (scope.namespaceOnly.has(want.kind)) return listPerNamespace(s, res, want, scope.namespaces, 'selection');
  const all = await listKindClusterWide(s, res, want);
  if (all.gap?.code !== 'forbidden') return all;
  s.progress(`[live] ${res.resource}: cluster-wide LIST forbidden; listing namespace(s) ${scope.namespaces.join(', ')} instead`);
  return listPerNamespace(s, res, want, scope.namespaces, 'forbidden');
}

async function listPerNamespace(s: Session, res: ApiResource, want: LiveKind, namespaces: readonly string[], reason: NamespaceLimit['reason']): Promise<ListOutcome> {
  const parts: CheckedBatch[] = [];
  let pages = 0;
  for (const ns of namespaces) {
    const full = !want.metadataOnly || (want.fullIn ?? []).includes(ns);
    const part = await listCollection(s, res, collectionPath(res, ns), full ? undefined : METADATA_ONLY_ACCEPT);
    if (part.gap) return part;
    parts.push(part.batch);
    pages += part.pages;
  }
  return { batch: joinBatches(parts), pages, limit: { kind: res.kind, namespaces: [...namespaces], reason } };
}

/**
 * Lists one kind cluster-wide. Metadata-only kinds with `fullIn` namespaces: the cluster-wide list is
 * metadata-only, and those namespaces are listed again in full (their full objects win).
 */
async function listKindClusterWide(s: Session, res: ApiResource, want: LiveKind): Promise<ListOutcome> {
  const fullIn = want.metadataOnly && res.namespaced ? (want.fullIn ?? []) : [];
  const all = await listCollection(s, res, collectionPath(res), want.metadataOnly ? METADATA_ONLY_ACCEPT : undefined);
  if (all.gap || fullIn.length === 0) return all;
  const parts = [withoutNamespaces(all.batch, new Set(fullIn))];
  let pages = all.pages;
  for (const ns of fullIn) {
    const part = await listCollection(s, res, collectionPath(res, ns), undefined);
    if (part.gap) return part;
    parts.push(part.batch);
    pages += part.pages;
  }
  return { batch: joinBatches(parts), pages };
}

/**
 * Lists one collection page by page. A 410 on a continue token restarts the list once.
 *
 * The next page is asked for before this one is parsed: its continue token is read from the head
 * of the body (metadata comes before items), so the API server prepares page N+1 while page N is
 * parsed and interned. The token parsed from the whole page decides: when it differs from the one
 * read early, the early answer is dropped and the page asked for again.
 */
async function listCollection(s: Session, res: ApiResource, path: string, accept: string | undefined): Promise<ListOutcome> {
  const source = `${groupVersion(res)} ${res.resource}${path.includes('/namespaces/') ? ` in ${path.split('/namespaces/')[1]!.split('/')[0]}` : ''}`;
  let batches: CheckedBatch[] = [];
  let pages = 0;
  let restarted = false;
  const fail = (code: string, reason: string): ListOutcome => ({
    batch: joinBatches([]),
    pages,
    gap: { kind: res.kind, code, reason },
    error: { source, reason: code, message: `${source}: ${reason}` },
  });
  let cont: string | undefined;
  let pending = fetchAnswer(s, path, cont, accept);
  for (;;) {
    const fetched = await pending;
    const early = 'answer' in fetched ? peekContinue(fetched.answer) : undefined;
    if (early !== undefined) pending = fetchAnswer(s, path, early, accept);
    // Only trimmed, interned objects come back: the body and its parse tree die with this
    // iteration, while the early request is in flight.
    const page = 'answer' in fetched ? await readAnswer(s, fetched.answer, res) : fetched;
    relieve();
    if ('failure' in page) {
      if (page.failure.code === 'gone' && cont !== undefined && !restarted) {
        // The continue token expired (etcd compaction): start this kind over, once.
        restarted = true;
        cont = undefined;
        batches = [];
        s.progress(`[live] ${source}: continue token expired (410), relisting`);
        pending = fetchAnswer(s, path, cont, accept);
        continue;
      }
      return fail(page.failure.code === 'gone' ? 'error' : page.failure.code, page.failure.reason);
    }
    pages++;
    s.pagesFetched++;
    cont = page.continue;
    if (cont !== early && cont !== undefined) pending = fetchAnswer(s, path, cont, accept);
    // Checked while the next page is on its way: the Snapshot built at the end only indexes.
    batches.push(s.admission.check(page.objects));
    if (cont === undefined) return { batch: joinBatches(batches), pages };
    if (pages % 20 === 0) s.progress(`[live] ${source}: ${batches.reduce((n, b) => n + b.objects.length, 0)} so far (${pages} pages)`);
  }
}

type Failure = { failure: { code: string; reason: string } };
type Page = { objects: K8sObject[]; continue: string | undefined } | Failure;

/** One LIST request. Failures are values, never rejections: an early request may end unread. */
async function fetchAnswer(s: Session, path: string, cont: string | undefined, accept: string | undefined): Promise<{ answer: KubeResponse } | Failure> {
  try {
    return { answer: await send(s, path, { limit: s.pageSize, continue: cont }, accept, s.decoder !== undefined) };
  } catch (err) {
    const code = err instanceof TransportError && (err.code === 'ETIMEDOUT' || err.code === 'EABORTED') ? 'timeout' : 'error';
    return { failure: { code, reason: (err as Error).message } };
  }
}

/** How far into a LIST body its metadata is looked for: the API server writes it before the items. */
const HEAD_CHARS = 4096;

/**
 * The continue token of a successful LIST answer, read from the list's leading metadata without
 * parsing the body. Undefined when there is none or the head is not in the expected shape (the
 * page is then parsed first, as without this).
 */
export function peekContinue(answer: KubeResponse): string | undefined {
  if (answer.status !== 200) return undefined;
  const head = answer.bytes ? answer.bytes.subarray(0, HEAD_CHARS).toString('utf8') : answer.body.slice(0, HEAD_CHARS);
  const m = CONTINUE_HEAD.exec(head);
  return m ? m[1] : undefined;
}

// `{"kind":…,"apiVersion":…,"metadata":{…"continue":"TOKEN"…}`: flat metadata, token in base64url.
const CONTINUE_HEAD = /^\{(?:"kind":"[^"\\]*",)?(?:"apiVersion":"[^"\\]*",)?"metadata":\{[^{}]*?"continue":"([A-Za-z0-9+/=_-]+)"[^{}]*\}/;

/** A LIST answer that is not a page: its failure. */
function pageFailure(answer: KubeResponse): Failure | undefined {
  if (answer.status === 410) return { failure: { code: 'gone', reason: `HTTP 410: ${statusMessage(answer.body)}` } };
  if (answer.status === 403) return { failure: { code: 'forbidden', reason: `forbidden: ${statusMessage(answer.body)}` } };
  if (answer.status === 404) return { failure: { code: 'not-found', reason: `not found: ${statusMessage(answer.body)}` } };
  if (answer.status === 401) return { failure: { code: 'unauthorized', reason: `unauthorized: ${statusMessage(answer.body)}` } };
  if (answer.status < 200 || answer.status >= 300) return { failure: { code: 'error', reason: `HTTP ${answer.status}: ${statusMessage(answer.body)}` } };
  return undefined;
}

function unreadable(message: string): Failure {
  return { failure: { code: 'error', reason: `unreadable list response: ${message}` } };
}

function internPage(items: readonly K8sObject[], cont: string | undefined, interner: Interner): Page {
  const objects: K8sObject[] = new Array<K8sObject>(items.length);
  // The items are this page's own parse tree: interned in place rather than copied.
  for (let i = 0; i < items.length; i++) objects[i] = interner.adopt(items[i]!);
  return { objects, continue: cont };
}

/** The status checks and trimming of one LIST answer, inline (synchronous: nothing of it outlives the call). */
export function readPage(answer: KubeResponse, res: Pick<ApiResource, 'group' | 'version' | 'kind'>, interner: Interner): Page {
  const failure = pageFailure(answer);
  if (failure) return failure;
  let page: TrimmedPage;
  try {
    page = trimPage(answer.bytes ? answer.bytes.toString('utf8') : answer.body, groupVersion(res), res.kind);
  } catch (err) {
    return unreadable((err as Error).message);
  }
  return internPage(page.items, page.continue, interner);
}

/** One LIST answer read through the page worker when there is one (inline if it has failed). */
async function readAnswer(s: Session, answer: KubeResponse, res: ApiResource): Promise<Page> {
  const decoder = s.decoder;
  // Only a 2xx answer to a raw request has bytes: failures are read by readPage.
  if (!decoder || !answer.bytes) return readPage(answer, res, s.interner);
  let decoded: DecodedPage;
  try {
    decoded = await decoder.decode(answer.bytes, groupVersion(res), res.kind);
  } catch (err) {
    // The worker failed (or the scan is ending): this page and the rest are read inline.
    if (s.decoder === decoder) {
      s.decoder = undefined;
      s.progress(`[live] page worker stopped (${(err as Error).message}); reading pages on the main thread`);
    }
    return readPage(answer, res, s.interner);
  }
  if ('error' in decoded) return unreadable(decoded.error);
  return internPage(JSON.parse(decoded.items) as K8sObject[], decoded.continue, s.interner);
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
