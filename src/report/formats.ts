import { AUDITOR_FORMATS } from './auditor-formats.js';
import type { ScanResult } from './model.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  /** ANSI colors allowed (the destination is a TTY and NO_COLOR is unset). */
  color: boolean;
}

/** One output format. Every format renders the same versioned ScanResult. */
export interface OutputFormat {
  name: string;
  /** File extension without the dot, used for `--output-dir DIR` → `DIR/palisade.<ext>`. */
  extension: string;
  description: string;
  render(result: ScanResult, opts: RenderOptions): string | Buffer | Promise<string | Buffer>;
}

const table: OutputFormat = {
  name: 'table',
  extension: 'txt',
  description: 'Human-readable summary for the terminal',
  render: (result, opts) => renderTable(result, opts),
};

const json: OutputFormat = {
  name: 'json',
  extension: 'json',
  description: 'The versioned ScanResult (docs/scan-result.schema.json)',
  render: (result) => JSON.stringify(result, null, 2) + '\n',
};

/** The format registry: add a format module under src/report/ and list it here. */
export const FORMATS: readonly OutputFormat[] = [table, json, ...AUDITOR_FORMATS];

export function formatByName(name: string): OutputFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

export function formatNames(): string[] {
  return FORMATS.map((f) => f.name);
}
