import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import type { ScanResult } from '../report/model.js';
import { storeSummaries } from '../engine/scan.js';
import { buildTenantReports } from '../scoring/tenants.js';
import type { ProbeOutput } from './index.js';

/** Adds the probe results to a scan result and recomputes the summaries and tenant scores that include them. */
export function withProbeResults(result: ScanResult, probes: ProbeOutput, snapshot: Snapshot, config: PalisadeConfig): ScanResult {
  const known = new Set(result.rules.map((r) => r.id));
  const rules = [...result.rules, ...probes.rules.filter((r) => !known.has(r.id))];
  const results = result.results;
  results.append(probes.results);
  results.canonicalize();
  const summaries = storeSummaries(results);
  const merged: ScanResult = {
    ...result,
    rules,
    results,
    incomplete: result.incomplete || summaries.counts.error > 0,
    summary: { ...result.summary, ...summaries },
  };
  // The probe rules ran too: the effective configuration lists them with the rest.
  if (result.config) merged.config = { ...result.config, rules: { ...result.config.rules, enabled: rules.map((r) => r.id).sort() } };
  return Object.assign(merged, buildTenantReports(snapshot, config, results));
}
