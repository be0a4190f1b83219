/** A `--format json` result as tests read it: the document, with `results` holding every result (compact groups expanded). */
import type { RuleResult } from '../../src/model/result.js';
import { expandResults, type ScanResultDocument } from '../../src/report/load.js';

export type ExpandedResult = Omit<ScanResultDocument, 'results' | 'compactResults' | 'objects'> & { results: RuleResult[] };

export function parseResult(text: string): ExpandedResult {
  const doc = JSON.parse(text) as ScanResultDocument;
  return { ...doc, results: [...expandResults(doc)] };
}

/** The same for a document already parsed (e.g. fetched as JSON). */
export function expandResult(doc: ScanResultDocument): ExpandedResult {
  return { ...doc, results: [...expandResults(doc)] };
}
