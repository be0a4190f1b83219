import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { isK8sObject, isRecord, STDIN_FILE, type K8sObject, type SourceLocation } from '../model/k8s.js';
import type { InventoryError } from './snapshot.js';
import { trimObject } from './trim.js';
import { Interner } from './intern.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface LoadedObjects {
  objects: K8sObject[];
  locations: Map<K8sObject, SourceLocation>;
  errors: InventoryError[];
  files: string[];
}

/** One interner per load: objects of every file share equal strings and sub-trees (src/inventory/intern.ts). */
const interners = new WeakMap<LoadedObjects, Interner>();
function internerOf(out: LoadedObjects): Interner {
  let i = interners.get(out);
  if (!i) interners.set(out, (i = new Interner()));
  return i;
}

/** Every manifest file under the given paths (directories recursively, sorted for stable output). */
export async function listManifestFiles(paths: readonly string[]): Promise<{ files: string[]; errors: InventoryError[] }> {
  const files: string[] = [];
  const errors: InventoryError[] = [];
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    try {
      const s = await stat(p);
      if (s.isDirectory()) files.push(...(await walk(p)));
      else files.push(p);
    } catch (err) {
      errors.push({ source: p, reason: 'not-found', message: `cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    }
  }
  return { files, errors };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(full);
  }
  return out;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface LoadOptions {
  /** `--stdin-filename NAME`: the path stdin's objects are reported at (e.g. the file piped in). */
  stdinName?: string | undefined;
}

/**
 * Reads YAML/JSON manifests: multi-document YAML, `List` kinds (`v1/List`, `*List`), stdin (`-`).
 * A malformed document is reported with file and line and skipped; the other documents and
 * files are still read. Objects without apiVersion/kind/metadata.name are reported, never thrown.
 */
export async function loadManifests(paths: readonly string[], cwd = process.cwd(), opts: LoadOptions = {}): Promise<LoadedObjects> {
  const { files, errors } = await listManifestFiles(paths);
  const out: LoadedObjects = { objects: [], locations: new Map(), errors, files };
  for (const file of files) {
    const display = file === '-' ? (opts.stdinName ?? STDIN_FILE) : relative(cwd, file) || file;
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (err) {
      out.errors.push({ source: display, reason: 'read', message: `cannot read ${display}: ${String(err)}` });
      continue;
    }
    parseManifestText(text, display, out);
  }
  interners.delete(out); // the lookup tables are only needed while loading
  return out;
}

/** Parses one file's text into `out` (exported for tests and for stdin). */
export function parseManifestText(text: string, file: string, out: LoadedObjects): void {
  // JSON (kubectl -o json, exported Lists, saved inventories) parses ~30x faster with JSON.parse
  // than through the YAML composer; invalid JSON falls through to YAML for a located error.
  const first = /\S/.exec(text)?.[0];
  if (first === '{' || first === '[') {
    const value = tryJson(text);
    if (value !== undefined) {
      collect(value, { file, line: 1 }, out); // JSON.parse keeps no positions: located at the file
      return;
    }
  }
  const chunks = splitDocuments(text);
  if (!chunks) {
    parseWithComposer(text, file, out, 0);
    return;
  }
  for (const chunk of chunks) {
    let value: unknown;
    try {
      value = loadYaml(chunk.text, { schema: CORE_SCHEMA, filename: file });
    } catch {
      // js-yaml's messages are terse: let the full parser locate and explain the problem.
      parseWithComposer(chunk.text, file, out, chunk.startLine - 1);
      continue;
    }
    if (value === null || value === undefined) continue; // empty document between separators
    collect(value, { file, line: chunk.startLine + firstContentLine(chunk.text) }, out);
  }
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
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue; // empty document between separators
    collect(value, { file, line: lineOffset + (contentLine(doc.contents, lineCounter) ?? startLine) }, out);
  }
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

function collect(value: unknown, loc: SourceLocation, out: LoadedObjects): void {
  if (isRecord(value) && typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items'])) {
    for (const item of value['items']) collect(item, loc, out);
    return;
  }
  if (!isK8sObject(value)) {
    const what = isRecord(value) ? describeMissing(value) : `a ${Array.isArray(value) ? 'list' : typeof value}, not an object`;
    out.errors.push({ source: loc.file, line: loc.line, reason: 'invalid-object', message: `${loc.file}:${loc.line}: skipped document: ${what}` });
    return;
  }
  const obj = internerOf(out).object(trimObject(value));
  out.objects.push(obj);
  out.locations.set(obj, loc);
}

function describeMissing(v: Record<string, unknown>): string {
  const missing = ['apiVersion', 'kind'].filter((k) => typeof v[k] !== 'string');
  const meta = v['metadata'];
  if (!isRecord(meta) || typeof meta['name'] !== 'string') missing.push('metadata.name');
  return `missing ${missing.join(', ')}`;
}
