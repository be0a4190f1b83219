/**
 * `--format pdf`: the HTML report printed (A4, the report's print stylesheet) by a local
 * Chromium or Chrome run headless with `--print-to-pdf`. The browser is a program on the
 * machine, not a dependency: playwright-core stays a test-only devDependency, and the
 * command-line switch prints exactly what a user's "Print → Save as PDF" prints.
 *
 * The HTML is streamed into a private temporary directory, Chromium prints it to a file there,
 * and the PDF is streamed out; the directory is removed afterwards.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { streamHtml, type HtmlAppendix } from './html/render.js';
import type { ScanResult } from './model.js';
import { batched } from './stream.js';

/** Names tried on PATH, in order, when neither `--chromium` nor PALISADE_CHROMIUM is given. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'] as const;
export const CHROMIUM_ENV = 'PALISADE_CHROMIUM';
/** A large report takes Chromium a while to lay out; a hung browser must not hang a CI job. */
export const PDF_TIMEOUT_MS = 300_000;

/** The PDF could not be made (the browser failed, timed out or wrote no PDF). */
export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfError';
  }
}

export type ChromiumLookup = { path: string; from: '--chromium' | typeof CHROMIUM_ENV | 'PATH' } | { error: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of an executable on PATH, or undefined. */
export function onPath(name: string, pathVar: string | undefined, isExecutable: (p: string) => boolean = executable): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The browser to print with: `--chromium PATH`, else $PALISADE_CHROMIUM, else the first of CHROMIUM_NAMES on PATH. */
export function findChromium(flag: string | undefined, env: Record<string, string | undefined>, isExecutable: (p: string) => boolean = executable): ChromiumLookup {
  const fromEnv = env[CHROMIUM_ENV];
  const given: { path: string; from: '--chromium' | typeof CHROMIUM_ENV } | undefined =
    flag !== undefined ? { path: flag, from: '--chromium' } : fromEnv ? { path: fromEnv, from: CHROMIUM_ENV } : undefined;
  if (given) {
    return isExecutable(given.path) ? given : { error: `${given.from === '--chromium' ? '--chromium' : `$${CHROMIUM_ENV}`} ${given.path}: not an executable file` };
  }
  for (const name of CHROMIUM_NAMES) {
    const path = onPath(name, env['PATH'], isExecutable);
    if (path) return { path, from: 'PATH' };
  }
  return {
    error: `--format pdf needs Chromium or Chrome, and none was found (looked for ${CHROMIUM_NAMES.join(', ')} on PATH); install one or give --chromium PATH (or $${CHROMIUM_ENV})`,
  };
}

/** The headless print command line. `noSandbox` only for root, where Chromium will not start sandboxed. */
export function chromiumArgs(htmlUrl: string, pdfPath: string, profileDir: string, noSandbox: boolean): string[] {
  return [
    '--headless',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--mute-audio',
    `--user-data-dir=${profileDir}`,
    ...(noSandbox ? ['--no-sandbox'] : []),
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfPath}`,
    htmlUrl,
  ];
}

function runChromium(binary: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, maxBuffer: 16 << 20, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const why = err.killed ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exited with ${err.code ?? err.signal ?? 'an error'}`;
      const last = String(stderr).trim().split('\n').filter((l) => !/dbus|Fontconfig/i.test(l)).pop();
      reject(new PdfError(`${binary} ${why}${last ? `: ${last.slice(0, 300)}` : ''}`));
    });
  });
}

async function startsWithPdf(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => undefined);
  if (!fh) return false;
  try {
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    return head.toString('latin1') === '%PDF-';
  } finally {
    await fh.close();
  }
}

export interface PdfOptions {
  chromium: string;
  appendix?: HtmlAppendix | undefined;
  timeoutMs?: number | undefined;
}

/** The PDF as byte chunks. Throws PdfError when the browser fails; the temporary files are removed in every case. */
export async function* streamPdf(result: ScanResult, opts: PdfOptions): AsyncGenerator<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-pdf-'));
  try {
    const html = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await pipeline(Readable.from(batched(streamHtml(result, { appendix: opts.appendix }))), createWriteStream(html));
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    await runChromium(opts.chromium, chromiumArgs(pathToFileURL(html).href, pdf, join(dir, 'profile'), root), opts.timeoutMs ?? PDF_TIMEOUT_MS);
    if (!(await startsWithPdf(pdf))) throw new PdfError(`${opts.chromium} wrote no PDF (is it Chromium or Chrome?)`);
    for await (const chunk of createReadStream(pdf)) yield chunk as Buffer;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
