/**
 * Generates the Grafana dashboards in this folder: `npx node dashboards/build.ts`.
 * The JSON files are the product (import them or provision them); this script keeps their
 * layout, variables and datasource wiring consistent. test/integration/prometheus.test.ts runs
 * every query below against a real Prometheus scraping `palisade serve`.
 * PromQL stays Prometheus 2.x compatible (Debian ships 2.42).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type PanelType = 'stat' | 'gauge' | 'timeseries' | 'bargauge' | 'table' | 'piechart';

interface Target {
  expr: string;
  legend?: string;
  /** Table panels and "current value" panels query instantly. */
  instant?: boolean;
}

interface PanelSpec {
  title: string;
  description: string;
  type: PanelType;
  targets: Target[];
  w: number;
  h: number;
  unit?: string;
  min?: number;
  max?: number;
  thresholds?: { color: string; value: number | null }[];
  /** Grafana "reduce" for stat/gauge/bargauge. */
  decimals?: number;
  transformations?: unknown[];
  /** Colour each series by its severity: how the severity appears in the series' display name. */
  severityColors?: SeverityMatch;
}

/** `name`: the legend is the severity itself; `suffix`: the legend ends in ` (severity)` or ` severity`. */
type SeverityMatch = 'name' | 'suffix';


const DS = { type: 'prometheus', uid: '${datasource}' };
/**
 * Regex match, so the "All" choice (`.*`) also matches series without a `cluster` label (an
 * install that sets no cluster name): the dashboards work with and without one.
 */
const C = 'cluster=~"$cluster"';

/** Severity colours, the same in every panel (Grafana's named palette colours). */
export const SEVERITY_COLORS: Readonly<Record<string, string>> = {
  critical: 'dark-red',
  high: 'red',
  medium: 'orange',
  low: 'yellow',
  info: 'blue',
};

/** The score's severity weights (src/model/result.ts SEVERITY_WEIGHT; checked by test/unit/metrics-dashboards.test.ts). */
export const SEVERITY_WEIGHTS: Readonly<Record<string, number>> = { critical: 10, high: 5, medium: 3, low: 1 };

function severityOverrides(match: SeverityMatch): unknown[] {
  return Object.entries(SEVERITY_COLORS).map(([severity, color]) => ({
    matcher: match === 'name' ? { id: 'byName', options: severity } : { id: 'byRegexp', options: `.*[ (]${severity}\\)?$` },
    properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }],
  }));
}

/**
 * Failing results × severity weight per rule: what each rule costs the score, so a critical
 * rule with 3 failures (30) ranks above a low one with 20 (20). info weighs 0 and drops out.
 */
function weightedFailures(): string {
  return Object.entries(SEVERITY_WEIGHTS)
    .map(([severity, w]) => `sum by (rule, severity) (palisade_rule_results{${C}, status="fail", severity="${severity}"}) * ${w}`)
    .join(' or ');
}

const SCORE_THRESHOLDS = [
  { color: 'red', value: null },
  { color: 'orange', value: 60 },
  { color: 'yellow', value: 80 },
  { color: 'green', value: 90 },
];
const RATIO_THRESHOLDS = [
  { color: 'red', value: null },
  { color: 'orange', value: 0.6 },
  { color: 'yellow', value: 0.8 },
  { color: 'green', value: 0.95 },
];

function panel(p: PanelSpec, id: number, x: number, y: number): Record<string, unknown> {
  const defaults: Record<string, unknown> = {
    unit: p.unit ?? 'short',
    thresholds: { mode: 'absolute', steps: p.thresholds ?? [{ color: 'green', value: null }] },
    color: { mode: p.thresholds ? 'thresholds' : p.type === 'timeseries' || p.type === 'piechart' ? 'palette-classic' : 'thresholds' },
  };
  if (p.min !== undefined) defaults['min'] = p.min;
  if (p.max !== undefined) defaults['max'] = p.max;
  if (p.decimals !== undefined) defaults['decimals'] = p.decimals;
  const out: Record<string, unknown> = {
    id,
    type: p.type,
    title: p.title,
    description: p.description,
    datasource: DS,
    gridPos: { x, y, w: p.w, h: p.h },
    fieldConfig: { defaults, overrides: p.severityColors ? severityOverrides(p.severityColors) : [] },
    options: optionsFor(p.type),
    targets: p.targets.map((t, i) => ({
      datasource: DS,
      refId: String.fromCharCode(65 + i),
      expr: t.expr,
      legendFormat: t.legend ?? '__auto',
      instant: t.instant ?? p.type !== 'timeseries',
      range: p.type === 'timeseries' && t.instant !== true,
      ...(p.type === 'table' ? { format: 'table' } : {}),
    })),
  };
  if (p.transformations) out['transformations'] = p.transformations;
  return out;
}

/**
 * Complete options for each panel plugin: every field @grafana/schema marks required, with
 * Grafana's own defaults where we have no preference (test/unit/dashboards-schema.test.ts).
 */
function optionsFor(type: PanelType): Record<string, unknown> {
  const reduce = { values: false, calcs: ['lastNotNull'], fields: '' };
  const legend = { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] };
  const tooltip = { mode: 'multi', sort: 'desc' };
  switch (type) {
    case 'stat':
      return { reduceOptions: reduce, colorMode: 'value', graphMode: 'area', textMode: 'auto', justifyMode: 'auto', orientation: 'auto', percentChangeColorMode: 'standard', showPercentChange: false, wideLayout: true };
    case 'gauge':
      return { reduceOptions: reduce, orientation: 'auto', showThresholdLabels: false, showThresholdMarkers: true, barShape: 'flat', barWidthFactor: 0.5, effects: {}, minVizHeight: 75, minVizWidth: 75, segmentCount: 1, segmentSpacing: 0.3, shape: 'gauge', sizing: 'auto' };
    case 'bargauge':
      return { reduceOptions: reduce, orientation: 'horizontal', displayMode: 'gradient', showUnfilled: true, legend: { ...legend, showLegend: false }, maxVizHeight: 300, minVizHeight: 16, minVizWidth: 8, namePlacement: 'auto', sizing: 'auto', valueMode: 'color' };
    case 'piechart':
      return { reduceOptions: reduce, orientation: 'auto', pieType: 'donut', displayLabels: [], sort: 'desc', tooltip, legend: { ...legend, displayMode: 'table', placement: 'right', values: ['value'] } };
    case 'table':
      return { showHeader: true, cellHeight: 'sm', frameIndex: 0 };
    case 'timeseries':
      return { legend, tooltip };
  }
}

/** Lays panels out left to right in rows of 24 columns. */
function layout(specs: PanelSpec[]): Record<string, unknown>[] {
  let x = 0;
  let y = 0;
  let rowH = 0;
  return specs.map((s, i) => {
    if (x + s.w > 24) {
      x = 0;
      y += rowH;
      rowH = 0;
    }
    const p = panel(s, i + 1, x, y);
    x += s.w;
    rowH = Math.max(rowH, s.h);
    return p;
  });
}

function variable(name: string, label: string, query: string, opts: { multi?: boolean; includeAll?: boolean } = {}): Record<string, unknown> {
  // "All" is selected until the user picks one: the dashboard shows data on first open, also
  // when no series has the label (`.*` matches the empty value).
  return {
    name,
    label,
    type: 'query',
    datasource: DS,
    query: { query, refId: `${name}-var`, qryType: 1 },
    refresh: 2,
    sort: 1,
    multi: opts.multi ?? false,
    includeAll: opts.includeAll ?? false,
    ...(opts.includeAll ? { allValue: '.*' } : {}),
    ...(opts.includeAll ? { current: { selected: true, text: ['All'], value: ['$__all'] } } : {}),
    options: [],
    hide: 0,
  };
}

function dashboard(uid: string, title: string, description: string, specs: PanelSpec[], extraVars: Record<string, unknown>[] = [], clusters: { multi: boolean } = { multi: false }): Record<string, unknown> {
  return {
    uid,
    title,
    description,
    tags: ['palisade', 'security', 'kubernetes'],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    refresh: '5m',
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-7d', to: 'now' },
    links: [{ title: 'Palisade', type: 'dashboards', tags: ['palisade'], asDropdown: true, includeVars: true, keepTime: true, icon: 'external link', targetBlank: false, tooltip: '' }],
    annotations: { list: [] },
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', hide: 0, refresh: 1, options: [] },
        variable('cluster', 'Cluster', 'label_values(palisade_build_info, cluster)', { includeAll: true, multi: clusters.multi }),
        ...extraVars,
      ],
    },
    panels: layout(specs),
  };
}

const overview = dashboard(
  'palisade-overview',
  'Palisade / Overview',
  'Cluster security score, coverage, findings by severity, top failing rules and worst namespaces.',
  [
    { title: 'Cluster score', description: '100 × weighted pass / (pass + fail); waived, unknown and errors are outside the fraction.', type: 'stat', w: 6, h: 5, unit: 'none', min: 0, max: 100, decimals: 1, thresholds: SCORE_THRESHOLDS, targets: [{ expr: `max by (cluster) (palisade_cluster_score{${C}})`, legend: 'score' }] },
    { title: 'Coverage', description: 'Share of applicable results that were evaluated. Low coverage means the score saw less of the cluster.', type: 'gauge', w: 6, h: 5, unit: 'percentunit', min: 0, max: 1, thresholds: RATIO_THRESHOLDS, targets: [{ expr: `max by (cluster) (palisade_cluster_coverage_ratio{${C}})`, legend: 'coverage' }] },
    { title: 'Failing results by severity', description: 'Current failing results per severity.', type: 'stat', w: 12, h: 5, severityColors: 'name', targets: [{ expr: `sum by (severity) (palisade_rule_results{${C}, status="fail"})`, legend: '{{severity}}' }] },
    { title: 'Score trend', description: 'Cluster score and rule-family scores over time.', type: 'timeseries', w: 12, h: 8, unit: 'none', min: 0, max: 100, targets: [{ expr: `max by (cluster) (palisade_cluster_score{${C}})`, legend: 'cluster' }, { expr: `max by (family) (palisade_family_score{${C}})`, legend: '{{family}}' }] },
    { title: 'Findings by severity over time', description: 'Failing results per severity.', type: 'timeseries', w: 12, h: 8, severityColors: 'name', targets: [{ expr: `sum by (severity) (palisade_rule_results{${C}, status="fail"})`, legend: '{{severity}}' }] },
    { title: 'Top failing rules', description: `The ten rules that cost the score most: failing results × severity weight (${Object.entries(SEVERITY_WEIGHTS).map(([s, w]) => `${s} ${w}`).join(', ')}; info 0).`, type: 'bargauge', w: 12, h: 9, severityColors: 'suffix', targets: [{ expr: `topk(10, (${weightedFailures()}) > 0)`, legend: '{{rule}} ({{severity}})' }] },
    { title: 'Worst namespaces', description: 'The ten namespaces with the lowest score.', type: 'bargauge', w: 12, h: 9, unit: 'none', min: 0, max: 100, thresholds: SCORE_THRESHOLDS, targets: [{ expr: `bottomk(10, max by (namespace, tenant) (palisade_namespace_score{${C}}))`, legend: '{{namespace}} ({{tenant}})' }] },
    { title: 'Critical and high failures by namespace', description: 'Failing critical/high results per namespace and rule.', type: 'table', w: 24, h: 8, targets: [{ expr: `sum by (namespace, tenant, rule, severity) (palisade_namespace_failures{${C}, severity=~"critical|high"})` }] },
    { title: 'Results by status', description: 'All results of the last scan by status.', type: 'piechart', w: 12, h: 8, targets: [{ expr: `sum by (status) (palisade_rule_results{${C}})`, legend: '{{status}}' }] },
    { title: 'Coverage trend', description: 'Coverage over time; a drop often means new RBAC restrictions on the scanner.', type: 'timeseries', w: 12, h: 8, unit: 'percentunit', min: 0, max: 1, targets: [{ expr: `max by (cluster) (palisade_cluster_coverage_ratio{${C}})`, legend: 'coverage' }] },
  ],
);

const compliance = dashboard(
  'palisade-compliance',
  'Palisade / Compliance',
  'Framework compliance per section over time, rule families, waivers.',
  [
    { title: 'Compliance by framework', description: 'Controls whose results all pass / controls evaluated, over the whole framework: the figure the report prints.', type: 'bargauge', w: 12, h: 7, unit: 'percentunit', min: 0, max: 1, thresholds: RATIO_THRESHOLDS, targets: [{ expr: `max by (framework) (palisade_framework_overall_compliance_ratio{${C}, framework=~"$framework"})`, legend: '{{framework}}' }] },
    { title: 'Rule family scores', description: 'Score per rule family.', type: 'bargauge', w: 12, h: 7, unit: 'none', min: 0, max: 100, thresholds: SCORE_THRESHOLDS, targets: [{ expr: `max by (family) (palisade_family_score{${C}})`, legend: '{{family}}' }] },
    { title: 'Section compliance', description: 'Controls whose results all pass / controls evaluated, per framework section.', type: 'table', w: 12, h: 10, targets: [{ expr: `max by (framework, section) (palisade_framework_compliance_ratio{${C}, framework=~"$framework"})` }] },
    { title: 'Section compliance over time', description: 'Per framework section.', type: 'timeseries', w: 12, h: 10, unit: 'percentunit', min: 0, max: 1, targets: [{ expr: `max by (framework, section) (palisade_framework_compliance_ratio{${C}, framework=~"$framework"})`, legend: '{{framework}} {{section}}' }] },
    { title: 'Family coverage', description: 'Share of applicable results evaluated per rule family.', type: 'bargauge', w: 12, h: 7, unit: 'percentunit', min: 0, max: 1, thresholds: RATIO_THRESHOLDS, targets: [{ expr: `max by (family) (palisade_family_coverage_ratio{${C}})`, legend: '{{family}}' }] },
    { title: 'Waivers', description: 'Configured waivers by state. Expired waivers no longer apply and need renewal.', type: 'stat', w: 6, h: 7, targets: [{ expr: `sum(palisade_waivers{${C}, state="active"}) or vector(0)`, legend: 'active' }, { expr: `sum(palisade_waivers{${C}, state="expired"}) or vector(0)`, legend: 'expired' }] },
    { title: 'Unevaluated results', description: 'Unknown and error results: what the score did not see.', type: 'stat', w: 6, h: 7, targets: [{ expr: `sum by (status) (palisade_rule_results{${C}, status=~"unknown|error"})`, legend: '{{status}}' }] },
    { title: 'Rules with failures', description: 'Failing results per rule.', type: 'table', w: 24, h: 10, targets: [{ expr: `sum by (rule, family, severity) (palisade_rule_results{${C}, status="fail"}) > 0` }] },
  ],
  [variable('framework', 'Framework', 'label_values(palisade_framework_compliance_ratio{cluster=~"$cluster"}, framework)', { multi: true, includeAll: true })],
);

const tenants = dashboard(
  'palisade-tenants',
  'Palisade / Tenants',
  'Tenant results scores, isolation scores by dimension and the cross-tenant access matrix.',
  [
    { title: 'Tenant results score', description: 'Results score of each tenant: the score formula over every rule, as for namespaces (system and unassigned included). Not the isolation score.', type: 'bargauge', w: 12, h: 8, unit: 'none', min: 0, max: 100, thresholds: SCORE_THRESHOLDS, targets: [{ expr: `max by (tenant) (palisade_tenant_score{${C}, tenant=~"$tenant"})`, legend: '{{tenant}}' }] },
    { title: 'Tenant coverage', description: 'Share of applicable results evaluated per tenant.', type: 'bargauge', w: 12, h: 8, unit: 'percentunit', min: 0, max: 1, thresholds: RATIO_THRESHOLDS, targets: [{ expr: `max by (tenant) (palisade_tenant_coverage_ratio{${C}, tenant=~"$tenant"})`, legend: '{{tenant}}' }] },
    { title: 'Isolation score by dimension', description: 'Isolation score per tenant and dimension (network, access, compute, pod security, storage...): isolation rules only, not the results score.', type: 'table', w: 12, h: 10, transformations: [{ id: 'groupingToMatrix', options: { rowField: 'tenant', columnField: 'dimension', valueField: 'Value', emptyValue: 'null' } }], targets: [{ expr: `max by (tenant, dimension) (palisade_tenant_isolation_score{${C}, tenant=~"$tenant"})` }] },
    { title: 'Cross-tenant access matrix', description: 'Paths from a source tenant (rows) to a target tenant (columns), all channels.', type: 'table', w: 12, h: 10, transformations: [{ id: 'groupingToMatrix', options: { rowField: 'source_tenant', columnField: 'target_tenant', valueField: 'Value', emptyValue: 'zero' } }], targets: [{ expr: `sum by (source_tenant, target_tenant) (palisade_tenant_cross_access{${C}})` }] },
    { title: 'Cross-tenant access by channel', description: 'Paths between tenants per channel over time.', type: 'timeseries', w: 12, h: 8, targets: [{ expr: `sum by (source_tenant, target_tenant, channel) (palisade_tenant_cross_access{${C}}) > 0`, legend: '{{source_tenant}} → {{target_tenant}} ({{channel}})' }] },
    { title: 'Tenant results score trend', description: 'Tenant results scores over time.', type: 'timeseries', w: 12, h: 8, unit: 'none', min: 0, max: 100, targets: [{ expr: `max by (tenant) (palisade_tenant_score{${C}, tenant=~"$tenant"})`, legend: '{{tenant}}' }] },
    { title: 'Failures by tenant and severity', description: 'Failing namespaced results per tenant.', type: 'bargauge', w: 12, h: 8, severityColors: 'suffix', targets: [{ expr: `sum by (tenant, severity) (palisade_namespace_failures{${C}, tenant=~"$tenant"})`, legend: '{{tenant}} {{severity}}' }] },
    { title: 'Namespaces by tenant', description: 'Namespace scores grouped by tenant.', type: 'table', w: 12, h: 8, targets: [{ expr: `max by (tenant, namespace) (palisade_namespace_score{${C}, tenant=~"$tenant"})` }] },
  ],
  [variable('tenant', 'Tenant', 'label_values(palisade_tenant_score{cluster=~"$cluster"}, tenant)', { multi: true, includeAll: true })],
);

const health = dashboard(
  'palisade-scanner-health',
  'Palisade / Scanner health',
  'Is Palisade scanning, how long it takes, what it could not read.',
  [
    { title: 'Time since last scan', description: 'Seconds since the last completed scan. Orange after the CronJob\'s 6 h interval, red after 6 h 40 min (interval + start and run deadlines), when PalisadeScanStale fires.', type: 'stat', w: 6, h: 5, unit: 's', thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 21600 }, { color: 'red', value: 24000 }], targets: [{ expr: `time() - max by (cluster) (palisade_last_scan_timestamp_seconds{${C}})`, legend: 'age' }] },
    { title: 'Last scan', description: '1 = the last attempt completed; 0 = it failed and the previous result is served.', type: 'stat', w: 6, h: 5, thresholds: [{ color: 'red', value: null }, { color: 'green', value: 1 }], targets: [{ expr: `min by (cluster) (palisade_last_scan_success{${C}})`, legend: 'success' }] },
    { title: 'Incomplete', description: '1 = something could not be read or evaluated (see inventory errors).', type: 'stat', w: 6, h: 5, thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 1 }], targets: [{ expr: `max by (cluster) (palisade_last_scan_incomplete{${C}})`, legend: 'incomplete' }] },
    { title: 'Inventory errors', description: 'Unreadable files or API resources in the last scan (by resource and reason: palisade_scan_errors).', type: 'stat', w: 6, h: 5, thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 1 }], targets: [{ expr: `sum(palisade_scan_errors{${C}}) or vector(0)`, legend: 'errors' }] },
    { title: 'Scan duration', description: 'Duration of the last completed scan.', type: 'timeseries', w: 12, h: 8, unit: 's', targets: [{ expr: `max by (cluster) (palisade_last_scan_duration_seconds{${C}})`, legend: 'last scan' }] },
    { title: 'Scan duration p90 (exporter)', description: '90th percentile of the exporter\'s scan durations over the preceding 6 hours (12 scans at the default 30-minute schedule). No data, never NaN, when no scan ran in the window (CronJob installs have no histogram).', type: 'timeseries', w: 12, h: 8, unit: 's', targets: [{ expr: `histogram_quantile(0.9, sum by (cluster, le) (increase(palisade_scan_duration_seconds_bucket{${C}}[6h]))) and on (cluster) sum by (cluster) (increase(palisade_scan_duration_seconds_count{${C}}[6h])) > 0`, legend: 'p90 {{cluster}}' }] },
    { title: 'Scans by outcome (exporter)', description: 'Scans run per hour by outcome, and ticks skipped because a scan was still running.', type: 'timeseries', w: 12, h: 8, targets: [{ expr: `sum by (outcome) (increase(palisade_scans_total{${C}}[1h]))`, legend: '{{outcome}}' }, { expr: `sum(increase(palisade_scan_ticks_skipped_total{${C}}[1h]))`, legend: 'skipped ticks' }] },
    { title: 'Scanned objects by kind', description: 'Objects in the last scan.', type: 'timeseries', w: 12, h: 8, targets: [{ expr: `sum by (kind) (palisade_scanned_objects{${C}})`, legend: '{{kind}}' }] },
    { title: 'Results by status', description: 'Results of every scan by status.', type: 'timeseries', w: 12, h: 8, targets: [{ expr: `sum by (status) (palisade_rule_results{${C}})`, legend: '{{status}}' }] },
    { title: 'Version', description: 'Palisade build.', type: 'table', w: 12, h: 4, targets: [{ expr: `max by (version) (palisade_build_info{${C}})` }] },
  ],
);

/** Fleet: one row per cluster, for many Palisades aggregated by one Prometheus (federation, remote-write). */
const fleet = dashboard(
  'palisade-fleet',
  'Palisade / Fleet',
  'Every cluster side by side: score, coverage, scan age and critical failures (one Palisade per cluster, one Prometheus, Thanos or Mimir over all).',
  [
    { title: 'Clusters reporting', description: 'Clusters with a Palisade result.', type: 'stat', w: 6, h: 5, targets: [{ expr: `count(max by (cluster) (palisade_build_info{${C}}))`, legend: 'clusters' }] },
    { title: 'Lowest score', description: 'The worst cluster score in the fleet.', type: 'stat', w: 6, h: 5, unit: 'none', min: 0, max: 100, decimals: 1, thresholds: SCORE_THRESHOLDS, targets: [{ expr: `min(max by (cluster) (palisade_cluster_score{${C}}))`, legend: 'lowest' }] },
    { title: 'Stale clusters', description: 'Clusters whose last completed scan is older than 6 h 40 min (PalisadeScanStale).', type: 'stat', w: 6, h: 5, thresholds: [{ color: 'green', value: null }, { color: 'red', value: 1 }], targets: [{ expr: `count((time() - max by (cluster) (palisade_last_scan_timestamp_seconds{${C}})) > 24000) or vector(0)`, legend: 'stale' }] },
    { title: 'Critical failures (fleet)', description: 'Failing critical results over all clusters.', type: 'stat', w: 6, h: 5, severityColors: 'name', targets: [{ expr: `sum by (severity) (palisade_rule_results{${C}, status="fail", severity="critical"})`, legend: '{{severity}}' }] },
    { title: 'Score by cluster', description: 'Cluster score, worst first.', type: 'bargauge', w: 12, h: 9, unit: 'none', min: 0, max: 100, thresholds: SCORE_THRESHOLDS, targets: [{ expr: `sort(max by (cluster) (palisade_cluster_score{${C}}))`, legend: '{{cluster}}' }] },
    { title: 'Coverage by cluster', description: 'Share of applicable results evaluated per cluster.', type: 'bargauge', w: 12, h: 9, unit: 'percentunit', min: 0, max: 1, thresholds: RATIO_THRESHOLDS, targets: [{ expr: `sort(max by (cluster) (palisade_cluster_coverage_ratio{${C}}))`, legend: '{{cluster}}' }] },
    { title: 'Time since last scan by cluster', description: 'Seconds since each cluster\'s last completed scan; red after 6 h 40 min.', type: 'bargauge', w: 12, h: 9, unit: 's', thresholds: [{ color: 'green', value: null }, { color: 'orange', value: 21600 }, { color: 'red', value: 24000 }], targets: [{ expr: `time() - max by (cluster) (palisade_last_scan_timestamp_seconds{${C}})`, legend: '{{cluster}}' }] },
    { title: 'Critical failures by cluster', description: 'Failing critical results per cluster.', type: 'bargauge', w: 12, h: 9, thresholds: [{ color: 'green', value: null }, { color: 'dark-red', value: 1 }], targets: [{ expr: `sum by (cluster) (palisade_rule_results{${C}, status="fail", severity="critical"})`, legend: '{{cluster}}' }] },
    { title: 'Score trend by cluster', description: 'Cluster scores over time.', type: 'timeseries', w: 24, h: 8, unit: 'none', min: 0, max: 100, targets: [{ expr: `max by (cluster) (palisade_cluster_score{${C}})`, legend: '{{cluster}}' }] },
  ],
  [],
  { multi: true },
);

// Run as a script (not when a test imports SEVERITY_COLORS / SEVERITY_WEIGHTS): write the files,
// or with `--check` exit 1 when a committed JSON file differs from what this script generates.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

function main(): void {
  const check = process.argv.includes('--check');
  const here = new URL('./', import.meta.url);
  let stale = 0;
  for (const d of [overview, compliance, tenants, health, fleet]) {
    const file = new URL(`${String(d['uid']).replace(/^palisade-/, '')}.json`, here);
    const text = JSON.stringify(d, null, 2) + '\n';
    if (check) {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (current !== text) {
        stale++;
        process.stdout.write(`stale: ${file.pathname} (run: npx node dashboards/build.ts)\n`);
      }
      continue;
    }
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file.pathname}\n`);
  }
  if (stale > 0) process.exitCode = 1;
}
