import type { Dirent } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { isK8sObject, isRecord, STDIN_FILE, type K8sObject, type SourceLocation } from '../model/k8s.js';
import type { InventoryError } from './snapshot.js';
import { trimObject } from './trim.js';
import { Interner } from './intern.js';
import { relieve } from './memory.js';
import { applyDefaultNamespace, DEFAULT_NAMESPACE } from './default-namespace.js';
import { CHART_FILE, chartName, renderChart, splitRendered, templateLine, type HelmOptions } from './helm.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** etcd's default request size limit (1.5 MiB): the API server accepts no larger object. */
export const DEFAULT_MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;
/** YAML alias uses allowed per document (the `yaml` library's measure of expansion); a bomb exceeds it. */
export const DEFAULT_MAX_ALIASES = 100;

export interface LoadLimits {
  /** Largest document or JSON list item read, in bytes (default 1.5 MiB, as etcd). */
  maxObjectBytes?: number;
  /** YAML alias expansion allowed per document (default 100). */
  maxAliases?: number;
}

export interface LoadedObjects {
  objects: K8sObject[];
  locations: Map<K8sObject, SourceLocation>;
  errors: InventoryError[];
  /** Problems that lose nothing (a file read as Latin-1): printed, not counted as errors. */
  warnings: string[];
  /**
   * Files (and documents) that are not Kubernetes manifests — Helm's Chart.yaml and values.yaml, CI
   * workflows, Compose files, kustomization.yaml: listed, not errors (see isKubernetesLike). Absent = none.
   */
  skipped?: InventoryError[];
  files: string[];
  limits?: LoadLimits;
  /** Helm chart directories found under the paths (rendered with helm, not read as files). */
  charts?: string[];
}

/** One interner per load: objects of every file share equal strings and sub-trees (src/inventory/intern.ts). */
const interners = new WeakMap<LoadedObjects, Interner>();
function internerOf(out: LoadedObjects): Interner {
  let i = interners.get(out);
  if (!i) interners.set(out, (i = new Interner()));
  return i;
}

/**
 * Every manifest file under the given paths (directories recursively, sorted for stable output).
 * Symbolic links are followed (a ConfigMap-mounted directory is `x.yaml -> ..data/x.yaml`), with
 * loop detection; a file reached twice is read once. Each unreadable entry is its own error and the
 * rest of the tree is still listed.
 */
export async function listManifestFiles(paths: readonly string[]): Promise<{ files: string[]; errors: InventoryError[]; charts: string[] }> {
  const files: string[] = [];
  const errors: InventoryError[] = [];
  const charts: string[] = [];
  const seenFiles = new Set<string>();
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    try {
      const s = await stat(p);
      if (s.isDirectory()) await walk(p, new Set([await realpath(p)]), { files, errors, seenFiles, charts });
      else files.push(p);
    } catch (err) {
      errors.push({ source: p, reason: 'not-found', message: `cannot read ${p}: ${errnoOf(err)}` });
    }
  }
  return { files, errors, charts };
}

interface WalkState {
  files: string[];
  errors: InventoryError[];
  /** Real paths of the files already listed (two links to one file read it once). */
  seenFiles: Set<string>;
  /** Chart directories (holding Chart.yaml): rendered with helm, their templates never read as YAML. */
  charts: string[];
}

/** `ancestors`: real paths of the directories on the way down, to stop symlink loops. */
async function walk(dir: string, ancestors: ReadonlySet<string>, state: WalkState): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    state.errors.push({ source: dir, reason: 'read', message: `cannot read directory ${dir}: ${errnoOf(err)}; the rest of the tree is scanned` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (entries.some((e) => e.name === CHART_FILE && !e.isDirectory())) {
    state.charts.push(dir);
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const target = await stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (err) {
        if (MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase()) || errnoOf(err) === 'ELOOP') {
          state.errors.push({ source: full, reason: 'read', message: `cannot read ${full}: broken symbolic link (${errnoOf(err)})` });
        }
        continue;
      }
    }
    if (isDir) {
      let real: string;
      try {
        real = await realpath(full);
      } catch (err) {
        state.errors.push({ source: full, reason: 'read', message: `cannot read directory ${full}: ${errnoOf(err)}` });
        continue;
      }
      if (ancestors.has(real)) continue; // a link back up the tree: already being walked
      await walk(full, new Set([...ancestors, real]), state);
    } else if (isFile && MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())) {
      const real = await realpath(full).catch(() => full);
      if (state.seenFiles.has(real)) continue;
      state.seenFiles.add(real);
      state.files.push(full);
    }
  }
}

function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface LoadOptions {
  /** `--stdin-filename NAME`: the path stdin's objects are reported at (e.g. the file piped in). */
  stdinName?: string | undefined;
  /** The namespace of namespaced objects that name none (kubectl's default, or `--namespace`). */
  defaultNamespace?: string;
  limits?: LoadLimits;
  /** How Helm chart directories are rendered (`--helm-bin`, `--helm-values`). */
  helm?: Omit<HelmOptions, 'namespace'>;
}

/**
 * Renders one chart and reads its documents, each located in its template (line of its `kind:`
 * there). helm missing or failing is an error naming the chart and how to render it.
 */
async function loadChart(dir: string, display: string, out: LoadedObjects, helm: HelmOptions): Promise<void> {
  const rendered = await renderChart(dir, display, helm);
  if (!rendered.ok) {
    out.errors.push({ source: display, reason: rendered.reason, message: rendered.message });
    return;
  }
  const sources = new Map<string, string | undefined>();
  const used = new Map<string, Set<number>>();
  for (const doc of splitRendered(rendered.text, await chartName(dir), display)) {
    const before = out.objects.length;
    parseManifestText(doc.text, doc.file, out);
    if (!sources.has(doc.file)) sources.set(doc.file, await readFile(join(dir, doc.file.slice(display.length + 1))).then((b) => b.toString('utf8')).catch(() => undefined));
    const taken = used.get(doc.file) ?? new Set<number>();
    used.set(doc.file, taken);
    for (const obj of out.objects.slice(before)) out.locations.set(obj, { file: doc.file, line: templateLine(sources.get(doc.file), obj.kind, taken) });
  }
}

/**
 * Reads YAML/JSON manifests: multi-document YAML, `List` kinds (`v1/List`, `*List`), stdin (`-`).
 * A malformed document is reported with file and line and skipped; the other documents and
 * files are still read. Objects without apiVersion/kind/metadata.name are reported, never thrown.
 * A namespaced object without a namespace is put in `defaultNamespace`, as kubectl does.
 * UTF-16 and UTF-32 (with a byte order mark) are decoded; a file that is not valid UTF-8 is read
 * as Latin-1 with a warning.
 */
export async function loadManifests(paths: readonly string[], cwd = process.cwd(), opts: LoadOptions = {}): Promise<LoadedObjects> {
  const defaultNamespace = opts.defaultNamespace ?? DEFAULT_NAMESPACE;
  const limits = opts.limits ?? {};
  const { files, errors, charts } = await listManifestFiles(paths);
  const out: LoadedObjects = { objects: [], locations: new Map(), errors, warnings: [], files, limits, ...(charts.length > 0 ? { charts } : {}) };
  for (const file of files) {
    const display = file === '-' ? (opts.stdinName ?? STDIN_FILE) : relative(cwd, file) || file;
    let bytes: Buffer;
    try {
      bytes = file === '-' ? await readStdin() : await readFile(file);
    } catch (err) {
      out.errors.push({ source: display, reason: 'read', message: `cannot read ${display}: ${errnoOf(err)}` });
      continue;
    }
    const decoded = decodeText(bytes);
    if (decoded.warning) out.warnings.push(`${display}: ${decoded.warning}`);
    parseManifestText(decoded.text, display, out);
    relieve();
  }
  for (const dir of charts) await loadChart(dir, relative(cwd, dir) || dir, out, { ...opts.helm, namespace: defaultNamespace });
  interners.delete(out); // the lookup tables are only needed while loading
  // The root object's metadata is never shared by the interner, so this writes to one object only.
  applyDefaultNamespace(out.objects, defaultNamespace);
  return out;
}

/**
 * Text of a manifest file: a UTF-8, UTF-16 or UTF-32 byte order mark picks the encoding (and is
 * dropped); without one the bytes must be UTF-8, else they are read as Latin-1 with a warning.
 */
function decodeText(bytes: Uint8Array): { text: string; warning?: string } {
  const b = bytes;
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { text: decodeUtf32(b.subarray(4), false) };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { text: decodeUtf32(b.subarray(4), true) };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)) };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(b.subarray(2)) };
  const body = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { text: new TextDecoder('latin1').decode(body), warning: `line ${firstInvalidUtf8Line(body)}: not valid UTF-8; read as Latin-1 (save the file as UTF-8)` };
  }
}

function decodeUtf32(b: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength - (b.byteLength % 4));
  const parts: string[] = [];
  for (let i = 0; i < view.byteLength; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    parts.push(cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd');
  }
  return parts.join('');
}

/** 1-based line of the first byte sequence that is not UTF-8 (found through the decoder's replacement character). */
function firstInvalidUtf8Line(b: Uint8Array): number {
  const lossy = new TextDecoder('utf-8').decode(b);
  const at = lossy.indexOf('\ufffd');
  let line = 1;
  for (let i = 0; i < at; i++) if (lossy.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The documents of the file being parsed that do not look like Kubernetes objects, held until the
 * file is read: when no document of the file looks like one, the file is not a manifest and is
 * skipped; otherwise they are malformed manifests and become errors at their place in the list.
 */
interface FileScan {
  file: string;
  kubernetesLike: boolean;
  parseErrors: boolean;
  pending: { at: number; error: InventoryError; value: unknown }[];
}
const fileScans = new WeakMap<LoadedObjects, FileScan>();

/** Parses one file's text into `out` (exported for tests and for stdin). */
export function parseManifestText(text: string, file: string, out: LoadedObjects): void {
  const scan: FileScan = { file, kubernetesLike: false, parseErrors: false, pending: [] };
  fileScans.set(out, scan);
  const errorsBefore = out.errors.length;
  try {
    parseFileText(text, file, out);
  } finally {
    fileScans.delete(out);
  }
  if (out.errors.length > errorsBefore) scan.parseErrors = true;
  settleFile(scan, out);
}

function settleFile(scan: FileScan, out: LoadedObjects): void {
  if (scan.pending.length === 0) return;
  if (scan.kubernetesLike || scan.parseErrors) {
    // Malformed manifests among real ones: errors, in document order.
    for (const p of [...scan.pending].reverse()) out.errors.splice(p.at, 0, p.error);
    return;
  }
  const first = scan.pending[0]!;
  const what = notKubernetesKind(scan.file, first.value);
  (out.skipped ??= []).push({
    source: scan.file,
    ...(first.error.line !== undefined ? { line: first.error.line } : {}),
    reason: 'not-kubernetes',
    message: `${scan.file}: skipped: ${what}, not a Kubernetes manifest (no document has apiVersion, kind and metadata)${hintFor(what)}`,
  });
}

/** Documents that read as Kubernetes objects (possibly malformed ones): any with kind or metadata, or a Kubernetes apiVersion. */
function isKubernetesLike(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (isToolConfig(value) || isHelmChart(value)) return false;
  if ('kind' in value || 'metadata' in value) return true;
  const v = value['apiVersion'];
  return typeof v === 'string' && /^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(v);
}

/** Kinds that configure a tool rather than a cluster: kustomize's kustomization.yaml, a kubeconfig. */
function isToolConfig(v: Record<string, unknown>): boolean {
  const api = typeof v['apiVersion'] === 'string' ? v['apiVersion'] : '';
  return api.startsWith('kustomize.config.k8s.io/') || (api === 'v1' && v['kind'] === 'Config' && !('metadata' in v));
}

/** Helm's Chart.yaml: apiVersion v1/v2 with the chart's name and version, no kind. */
function isHelmChart(v: Record<string, unknown>): boolean {
  return (v['apiVersion'] === 'v1' || v['apiVersion'] === 'v2') && typeof v['name'] === 'string' && v['version'] !== undefined && !('kind' in v);
}

/** What a non-Kubernetes file probably is, for the message. */
function notKubernetesKind(file: string, value: unknown): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  if (isRecord(value) && isHelmChart(value)) return 'Helm chart metadata (Chart.yaml)';
  if (/^values([-.].*)?\.ya?ml$/i.test(base)) return 'Helm values';
  if (isRecord(value) && isToolConfig(value)) return value['kind'] === 'Config' ? 'a kubeconfig (not read)' : `kustomize configuration (${String(value['kind'] ?? 'Kustomization')})`;
  if (/(^|\/)\.github\/workflows\//.test(file) || (isRecord(value) && 'jobs' in value && 'on' in value)) return 'a GitHub Actions workflow';
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(file)) return 'a GitLab CI file';
  if (isRecord(value) && 'services' in value && !('apiVersion' in value)) return 'a Compose file';
  return isRecord(value) ? 'YAML/JSON data' : `a ${Array.isArray(value) ? 'list' : 'scalar'}`;
}

function hintFor(what: string): string {
  if (what.startsWith('Helm')) return '; scan the chart directory with helm on PATH (or --helm-bin) to render it';
  if (what.startsWith('kustomize')) return '; scan `kustomize build` output (kubectl kustomize DIR | palisade scan --from -)';
  return '';
}

function parseFileText(text: string, file: string, out: LoadedObjects): void {
  const maxBytes = out.limits?.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
  // JSON (kubectl -o json, exported Lists, saved inventories) parses ~30x faster with JSON.parse
  // than through the YAML composer; invalid JSON falls through to YAML for a located error, and so
  // does JSON with a duplicate key (JSON.parse keeps the last silently; YAML rejects it).
  const first = /\S/.exec(text)?.[0];
  if (first === '{' || first === '[') {
    const value = tryJson(text);
    if (value !== undefined && !hasDuplicateKeys(text)) {
      const loc = { file, line: 1 }; // JSON.parse keeps no positions: located at the file
      if (text.length > maxBytes && !isList(value) && tooLarge(text, maxBytes, loc, out)) return;
      collect(value, loc, out, text.length > maxBytes ? maxBytes : undefined);
      return;
    }
  }
  const chunks = splitDocuments(text);
  if (!chunks) {
    parseWithComposer(text, file, out, 0);
    return;
  }
  for (const chunk of chunks) {
    const loc = { file, line: chunk.startLine + firstContentLine(chunk.text) };
    if (chunk.text.length > maxBytes && tooLarge(chunk.text, maxBytes, loc, out)) continue;
    if (ALIAS.test(chunk.text)) {
      // js-yaml has no bound on alias expansion: documents with aliases go through the composer, which has.
      parseWithComposer(chunk.text, file, out, chunk.startLine - 1);
      continue;
    }
    let value: unknown;
    try {
      value = loadYaml(chunk.text, { schema: CORE_SCHEMA, filename: file });
    } catch {
      // js-yaml's messages are terse: let the full parser locate and explain the problem.
      parseWithComposer(chunk.text, file, out, chunk.startLine - 1);
      continue;
    }
    if (value === null || value === undefined) continue; // empty document between separators
    collect(value, loc, out);
  }
}

/** An alias (`*name`) outside quotes, roughly: a false positive only costs the slower parser. */
const ALIAS = /(^|[\s[{,:-])\*[^\s\]},*]/m;

function isList(value: unknown): boolean {
  return isRecord(value) && typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items']);
}

/** Records an oversized document (true) unless its UTF-8 size is within the limit after all. */
function tooLarge(text: string, maxBytes: number, loc: SourceLocation, out: LoadedObjects): boolean {
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return false;
  out.errors.push({ source: loc.file, line: loc.line, reason: 'too-large', message: `${loc.file}:${loc.line}: skipped document: ${sizeText(bytes)} is over the object size limit of ${sizeText(maxBytes)}${maxBytes === DEFAULT_MAX_OBJECT_BYTES ? " (etcd's default)" : ''}; raise it with --max-object-size or limits.maxObjectBytes` });
  return true;
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/**
 * True when some JSON object in `text` (valid JSON) repeats a key. One pass over the text: a
 * stack of key sets, one per open object.
 */
export function hasDuplicateKeys(text: string): boolean {
  const stack: (Set<string> | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) stack.push(new Set());
    else if (c === 0x5b /* [ */) stack.push(undefined);
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (escaped) escaped = false;
        else if (d === 0x5c) escaped = true;
        else if (d === 0x22) break;
      }
      const keys = stack[stack.length - 1];
      if (keys) {
        let k = j + 1;
        while (k < text.length && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x0a || text.charCodeAt(k) === 0x0d || text.charCodeAt(k) === 0x09)) k++;
        if (text.charCodeAt(k) === 0x3a /* : */) {
          const key = text.slice(i + 1, j);
          if (keys.has(key)) return true;
          keys.add(key);
        }
      }
      i = j;
    }
  }
  return false;
}

interface YamlChunk {
  text: string;
  /** 1-based line of the chunk's first line in the file. */
  startLine: number;
}

/**
 * Splits a YAML stream at its `---` / `...` lines, so each document can be loaded by js-yaml
 * (several times faster than the composing parser) with its line known. Returns undefined for
 * streams that use what only the full parser handles: directives, content on a `---` line.
 */
export function splitDocuments(text: string): YamlChunk[] | undefined {
  const lines = text.split('\n');
  const chunks: YamlChunk[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('%')) return undefined;
    if (/^(---|\.\.\.)(\s+#.*)?\s*$/.test(line)) {
      chunks.push({ text: lines.slice(start, i).join('\n'), startLine: start + 1 });
      start = i + 1;
    } else if (/^---\s/.test(line)) {
      return undefined;
    }
  }
  chunks.push({ text: lines.slice(start).join('\n'), startLine: start + 1 });
  return chunks;
}

/** 0-based index of the first line that is neither blank nor a comment. */
function firstContentLine(text: string): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return i < 0 ? 0 : i;
}

/** The composing parser: precise error positions; `lineOffset` maps chunk lines to file lines. */
function parseWithComposer(text: string, file: string, out: LoadedObjects, lineOffset: number): void {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  // parseAllDocuments returns an EmptyStream for empty input, which is iterable.
  for (const doc of docs) {
    const startLine = lineCounter.linePos(doc.range[0]).line;
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const line = lineOffset + (e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line); // linePos is unset when prettyErrors is off
      out.errors.push({ source: file, line, reason: 'parse', message: `${file}:${line}: ${e.message.split('\n')[0]}` });
      continue;
    }
    const loc = { file, line: lineOffset + (contentLine(doc.contents, lineCounter) ?? startLine) };
    const maxBytes = out.limits?.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    if (doc.range[1] - doc.range[0] > maxBytes && tooLarge(text.slice(doc.range[0], doc.range[1]), maxBytes, loc, out)) continue;
    const maxAliases = out.limits?.maxAliases ?? DEFAULT_MAX_ALIASES;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: maxAliases });
    } catch (err) {
      out.errors.push({ source: file, line: loc.line, reason: 'parse', message: `${file}:${loc.line}: skipped document: ${aliasMessage(err, maxAliases)}` });
      continue;
    }
    if (value === null || value === undefined) continue; // empty document between separators
    collect(value, loc, out);
  }
}

/** The `yaml` library's alias-count error in words; other errors as they are. */
function aliasMessage(err: unknown, maxAliases: number): string {
  const message = err instanceof Error ? err.message : String(err);
  return /alias/i.test(message)
    ? `YAML aliases expand too far (over ${maxAliases} alias uses: a "billion laughs" document?); refused`
    : message.split('\n')[0]!;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function contentLine(node: unknown, lc: LineCounter): number | undefined {
  if (isRecord(node) && Array.isArray(node['range'])) {
    const start = (node['range'] as number[])[0];
    if (typeof start === 'number') return lc.linePos(start).line;
  }
  return undefined;
}

/** `maxItemBytes`: the JSON text was over the object size limit, so each list item is measured. */
function collect(value: unknown, loc: SourceLocation, out: LoadedObjects, maxItemBytes?: number): void {
  if (isList(value)) {
    for (const item of (value as { items: unknown[] }).items) {
      if (maxItemBytes !== undefined && tooLarge(JSON.stringify(item), maxItemBytes, loc, out)) continue;
      collect(item, loc, out);
    }
    return;
  }
  const scan = fileScans.get(out);
  const kubernetesLike = isKubernetesLike(value);
  if (scan && kubernetesLike) scan.kubernetesLike = true;
  if (!isK8sObject(value)) {
    const what = isRecord(value) ? describeMissing(value) : `a ${Array.isArray(value) ? 'list' : typeof value}, not an object`;
    const error: InventoryError = { source: loc.file, line: loc.line, reason: 'invalid-object', message: `${loc.file}:${loc.line}: skipped document: ${what}` };
    // Not Kubernetes-shaped: decided once the whole file is read (settleFile).
    if (scan && !kubernetesLike) scan.pending.push({ at: out.errors.length, error, value });
    else out.errors.push(error);
    return;
  }
  const obj = internerOf(out).object(trimObject(value));
  out.objects.push(obj);
  out.locations.set(obj, loc);
}

/** `missing kind`, `metadata.name must be a string (got number 1001)`. */
function describeMissing(v: Record<string, unknown>): string {
  const meta = v['metadata'];
  const fields: [string, unknown][] = [
    ['apiVersion', v['apiVersion']],
    ['kind', v['kind']],
    ['metadata', meta],
  ];
  if (isRecord(meta)) fields[2] = ['metadata.name', meta['name']];
  const missing = fields.filter(([, x]) => x === undefined || x === null).map(([k]) => k);
  const mistyped = fields
    .filter(([k, x]) => x !== undefined && x !== null && (k === 'metadata' ? !isRecord(x) : typeof x !== 'string'))
    .map(([k, x]) => `${k} must be ${k === 'metadata' ? 'a map' : 'a string'} (got ${Array.isArray(x) ? 'a list' : isRecord(x) ? 'a map' : `${typeof x} ${String(x)}`})`);
  return [...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []), ...mistyped].join('; ');
}
