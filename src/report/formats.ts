import { AUDITOR_FORMATS } from './auditor-formats.js';
import type { ScanResult } from './model.js';
import { renderJson } from './json.js';
import type { OutputChunks } from './stream.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  /** ANSI colors allowed (the destination is a TTY and NO_COLOR is unset). */
  color: boolean;
  /** Table: line width (COLUMNS, the TTY's width, else 80) and `--details`. */
  width?: number | undefined;
  details?: boolean | undefined;
  /** Base URL of the per-rule docs (SARIF helpUri); default DEFAULT_DOCS_BASE_URL (src/engine/rule-docs.ts). */
  docsBaseUrl?: string | undefined;
  /** HTML and PDF: print the collapsed evidence (`--html-appendix full`); default `none`. */
  htmlAppendix?: 'none' | 'full' | undefined;
  /** PDF: the Chromium (or Chrome) binary (`--chromium PATH`, else PALISADE_CHROMIUM, else PATH). */
  chromium?: string | undefined;
}

/** One output format. Every format renders the same versioned ScanResult. */
export interface OutputFormat {
  name: string;
  /** File extension without the dot, used for `--output-dir DIR` → `DIR/palisade.<ext>`. */
  extension: string;
  description: string;
  /** Bytes, not text (PDF): not written to a terminal. */
  binary?: boolean;
  /** The document as chunks, in order: written to the destination as they come, never joined. */
  render(result: ScanResult, opts: RenderOptions): OutputChunks;
}

const table: OutputFormat = {
  name: 'table',
  extension: 'txt',
  description: 'Human-readable summary for the terminal',
  // Bounded by construction (sections list the worst few), so it is made whole. Terminal safety
  // (control characters from the input shown escaped) is applied where it is written (src/cli).
  render: (result, opts) => [renderTable(result, { color: opts.color, width: opts.width, details: opts.details })],
};

const json: OutputFormat = {
  name: 'json',
  extension: 'json',
  description: 'The versioned ScanResult (docs/scan-result.schema.json)',
  render: (result) => renderJson(result),
};

/** The format registry: add a format module under src/report/ and list it here. */
export const FORMATS: readonly OutputFormat[] = [table, json, ...AUDITOR_FORMATS];

export function formatByName(name: string): OutputFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

export function formatNames(): string[] {
  return FORMATS.map((f) => f.name);
}
