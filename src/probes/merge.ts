import type { PalisadeConfig } from '../config/types.js';
import type { Snapshot } from '../inventory/snapshot.js';
import { SEVERITIES } from '../model/result.js';
import type { ScanResult } from '../report/model.js';
import { byFamily, byTenant, summarize, summarizeBy } from '../scoring/score.js';
import { buildTenantReports } from '../scoring/tenants.js';
import type { ProbeOutput } from './index.js';

/** Adds the probe results to a scan result and recomputes the summaries and tenant scores that include them. */
export function withProbeResults(result: ScanResult, probes: ProbeOutput, snapshot: Snapshot, config: PalisadeConfig): ScanResult {
  const known = new Set(result.rules.map((r) => r.id));
  const rules = [...result.rules, ...probes.rules.filter((r) => !known.has(r.id))];
  const results = [...result.results, ...probes.results];
  const overall = summarize(results);
  const bySeverity = { ...result.summary.bySeverity };
  for (const s of SEVERITIES) bySeverity[s] = summarize(results.filter((r) => r.severity === s)).counts;
  const merged: ScanResult = {
    ...result,
    rules,
    results,
    incomplete: result.incomplete || overall.counts.error > 0,
    summary: {
      ...result.summary,
      score: overall.score,
      coverage: overall.coverage,
      counts: overall.counts,
      bySeverity,
      byFamily: summarizeBy(results, byFamily),
      byTenant: summarizeBy(results, byTenant),
    },
  };
  return Object.assign(merged, buildTenantReports(snapshot, config, results));
}
