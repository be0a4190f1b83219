/**
 * CSV: one row per result, RFC 4180 (CRLF, fields with comma, quote or line break quoted,
 * quotes doubled). Columns are documented in docs/reports.md; keep them append-only.
 * Cells that a spreadsheet would run as a formula (leading = + - @ tab CR) get a leading
 * apostrophe, because object names are chosen by whoever can create objects.
 */
import { baselineStates } from './baseline.js';
import { describe, evidenceLines, refsText, ruleIndex } from './common.js';
import type { ScanResult } from './model.js';

export const CSV_COLUMNS = [
  'rule',
  'title',
  'severity',
  'status',
  'baseline',
  'api_version',
  'kind',
  'namespace',
  'name',
  'tenant',
  'message',
  'evidence',
  'references',
  'remediation',
  'waiver_reason',
  'waiver_approver',
  'waiver_ticket',
  'waiver_expires',
  'waiver_source',
  'file',
  'line',
] as const;

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(cells: readonly string[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

export function* streamCsv(result: ScanResult): Generator<string> {
  const rules = ruleIndex(result);
  const stateOf = baselineStates(result.baseline);
  yield row(CSV_COLUMNS);
  for (const r of result.results.sorted()) {
    const d = describe(rules, r.rule, r.severity);
    yield row([
      r.rule,
      d.title,
      r.severity,
      r.status,
      stateOf(r) ?? '',
      r.object.apiVersion,
      r.object.kind,
      r.object.namespace ?? '',
      r.object.name,
      r.tenant ?? '',
      r.message,
      evidenceLines(r.evidence),
      refsText(d.references),
      d.remediation,
      r.waiver?.reason ?? '',
      r.waiver?.approver ?? '',
      r.waiver?.ticket ?? '',
      r.waiver?.expires ?? '',
      r.waiver?.source ?? '',
      r.location?.file ?? '',
      r.location ? String(r.location.line) : '',
    ]);
  }
}

/** The whole document as one string: tests and small results; writers use `streamCsv`. */
export function renderCsv(result: ScanResult): string {
  return [...streamCsv(result)].join('');
}
