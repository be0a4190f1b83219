/**
 * Reading a saved ScanResult back (`report --from-result`, `--baseline`): schema 1.x (every
 * result in `results`) and 2.x (`results` + `compactResults` over `objects`, src/report/json.ts).
 */
import { ResultStore } from '../findings/store.js';
import { normalizeReference, type RuleResult } from '../model/result.js';
import type { TenantReport } from '../scoring/tenants.js';
import type { CompactResultGroup, ObjectEntry } from './json.js';
import type { ScanResult } from './model.js';
import { upgradeComparison } from './baseline.js';

/** The JSON shape of a saved result, before its results become a store. */
export interface ScanResultDocument extends Omit<ScanResult, 'results'> {
  results: RuleResult[];
  compactResults?: CompactResultGroup[];
  objects?: ObjectEntry[];
}

/** Every result of a saved document, the compact groups expanded (full results first). */
export function* expandResults(doc: Pick<ScanResultDocument, 'results' | 'compactResults' | 'objects'>): Generator<RuleResult> {
  yield* doc.results;
  const objects = doc.objects ?? [];
  for (const g of doc.compactResults ?? []) {
    for (const k of g.objects) {
      const o = objects[k];
      if (!o) throw new Error(`compactResults: rule ${g.rule} names object ${k}, but objects has ${objects.length} entries`);
      const r: RuleResult = {
        rule: g.rule,
        severity: g.severity,
        status: g.status,
        object: { apiVersion: o.apiVersion, kind: o.kind, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), name: o.name },
        message: g.message,
        evidence: [],
      };
      if (o.tenant !== undefined) r.tenant = o.tenant;
      if (o.location) r.location = o.location;
      yield r;
    }
  }
}

/** A tenant report of schema 2.0 (`score` only) with the 2.1 name, in the place 2.1 writes it. */
function withIsolationScore(t: TenantReport): TenantReport {
  if (t.isolationScore !== undefined) return t;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) {
    if (k === 'score') out['isolationScore'] = v;
    out[k] = v;
  }
  return out as unknown as TenantReport;
}

/** A parsed document as a ScanResult: its results in a store, the rest as written. */
export function scanResultOf(doc: ScanResultDocument): ScanResult {
  const { results: _r, compactResults: _c, objects: _o, ...rest } = doc;
  const store = ResultStore.of(expandResults(doc));
  // Keep the document's key order, `results` where it stood.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(doc)) {
    if (k === 'compactResults' || k === 'objects') continue;
    out[k] = k === 'results' ? store : (rest as Record<string, unknown>)[k];
  }
  // A comparison saved before schema 2.1 counted waived findings as fixed.
  if (rest.baseline) out['baseline'] = upgradeComparison(rest.baseline, store);
  // Before 2.1: peer tools' check IDs written as frameworks, and a tenant's isolation score named `score`.
  out['rules'] = (rest.rules ?? []).map((r) => ({ ...r, references: (r.references ?? []).map(normalizeReference) }));
  if (rest.tenants) out['tenants'] = rest.tenants.map(withIsolationScore);
  return out as unknown as ScanResult;
}
