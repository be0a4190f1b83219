/**
 * Self-contained HTML report: one file, CSS/JS/charts inlined, a Content-Security-Policy that
 * forbids every network fetch, printable (print stylesheet with a page break per section).
 * Sections: executive summary, framework compliance (one line per control), tenants (isolation
 * graph, dimension charts, condensed RBAC access), findings by rule (with filters and search;
 * each finding's evidence once, collapsed), waivers, scan metadata. Every value from the scan
 * is escaped. Printed, collapsed evidence stays collapsed unless `appendix: 'full'`
 * (`--html-appendix full`), which keeps the demo cluster's printout within 30 A4 pages.
 */
import { createHash } from 'node:crypto';
import { refString } from '../../model/k8s.js';
import { SEVERITIES, isFrameworkRef, isPeerRef, peerText, resultNamespace, type RuleReference, type RuleResult, type Severity } from '../../model/result.js';
import { baselineStates, type BaselineState } from '../baseline.js';
import { describe, kubeletTlsNote, percent, refText, ruleIndex, scoreText, STATUS_LABEL, valueText, waiverExpired } from '../common.js';
import type { RuleDescriptor, ScanResult } from '../model.js';
import { frameworkSection, tenantSection, type ControlView, type FrameworkView } from '../sections.js';
import { digestByRule, type RuleDigest } from '../derived.js';
import { CSS, SCRIPT } from './assets.js';
import { esc } from './escape.js';
import type { ResultStore } from '../../findings/store.js';
import { anchorPart, networkPaths, pathsAnchor, rbacPaths, renderTenantGraph, tenantGraph, type GraphEdge } from './graph.js';
import { condenseAccess, type AccessLine } from './rbac.js';
import { barChart, dimensionChart, scoreGauge } from './svg.js';
import type { AccessEntryReport, TenantReport } from '../../scoring/tenants.js';

/** What is printed of the collapsed evidence: `none` (default, the printout says so) or `full`. */
export type HtmlAppendix = 'none' | 'full';
export const HTML_APPENDIX_VALUES: readonly HtmlAppendix[] = ['none', 'full'];

export interface HtmlOptions {
  appendix?: HtmlAppendix | undefined;
}

/**
 * Reference "frameworks" that are peer tools' check IDs, not compliance frameworks: shown as
 * cross-references of their rule, never listed under framework compliance.
 */
const PEER_REFERENCES: ReadonlySet<string> = new Set(['peer', 'kubescape', 'polaris', 'kube-score', 'popeye', 'kube-bench', 'trivy', 'checkov', 'kubesec', 'kubeaudit', 'kyverno']);

/** A compliance framework (CIS, PSS, NSA, MTB…), not a peer tool's check ID. */
export function isComplianceFramework(name: string): boolean {
  return !PEER_REFERENCES.has(name.toLowerCase());
}

/** Anchor of a rule's group in the findings section. */
export function ruleAnchor(rule: string): string {
  return `rule-${anchorPart(rule)}`;
}
import { baselineBlock } from './baseline.js';
import { integrityBlock } from './integrity.js';
import { renderVersions } from './versions.js';
import { selectionText } from '../selection-text.js';

const SEV_COLOR: Record<Severity, string> = { critical: '#8e0000', high: '#c62828', medium: '#b7791f', low: '#2b6cb0', info: '#616e7c' };
const CLUSTER_SCOPE = '(cluster-scoped)';

const badge = (cls: string, text: string): string => `<span class="badge ${cls}">${esc(text)}</span>`;
const sevBadge = (s: Severity): string => badge(`sev-${s}`, s);
const statusBadge = (s: string, label = s): string => badge(`st-${s}`, label);

function section(id: string, title: string, body: string, first = false): string {
  return `<section class="report-section${first ? ' first' : ''}" id="${id}" data-section="${id}"><h2>${esc(title)}</h2>${body}</section>`;
}

function card(cls: string, metric: string, value: string | number, label: string): string {
  return `<div class="card ${cls}"><div class="num" data-metric="${esc(metric)}">${esc(value)}</div><div class="lbl">${esc(label)}</div></div>`;
}

function summarySection(result: ScanResult): string {
  const s = result.summary;
  const c = s.counts;
  const failBySeverity = SEVERITIES.map((sev) => ({ label: sev, value: s.bySeverity[sev]?.fail ?? 0, color: SEV_COLOR[sev] }));
  const cards = [
    card('fail', 'count-fail', c.fail, 'fail'),
    card('pass', 'count-pass', c.pass, 'pass'),
    card('waived', 'count-waived', c.waived, 'waived'),
    card('unknown', 'count-unknown', c.unknown, 'unknown'),
    card('error', 'count-error', c.error, 'error'),
    card('', 'count-not-applicable', c.notApplicable, 'not applicable'),
  ].join('');
  const coverage = `<p><strong>Coverage</strong> <span data-metric="coverage">${esc(percent(s.coverage.ratio))}</span>: ${esc(s.coverage.evaluated)} of ${esc(s.coverage.applicable)} applicable results were evaluated (unknown and error results are not). Score = 100 × Σweight(pass) / Σweight(pass + fail), weights critical 10, high 5, medium 3, low 1, info 0.</p>`;
  const incomplete = result.incomplete
    ? `<p class="note"><strong>Incomplete scan:</strong> ${esc(result.errors.length)} input error(s), ${esc(result.gaps.length)} kind(s) not readable, ${esc(c.error)} rule error(s). See <a href="#metadata">scan metadata</a>.</p>`
    : '';
  const tls = kubeletTlsNote(result);
  const kubeletTls = !tls
    ? ''
    : tls.warning
      ? `<p class="note" data-kubelet-tls="${esc(tls.mode)}"><strong>Warning — kubelet TLS: ${esc(tls.text)}.</strong> ${esc(tls.warning)}.</p>`
      : `<p class="muted" data-kubelet-tls="${esc(tls.mode)}">Kubelet configuration read live, kubelet TLS ${esc(tls.text)}.</p>`;
  return section(
    'summary',
    'Executive summary',
    `<div class="summary-grid"><div>${scoreGauge(s.score, `score ${scoreText(s.score)}`)}<div class="muted">score <span data-metric="score">${esc(scoreText(s.score))}</span> / 100</div></div>` +
      `<div><div class="cards">${cards}</div>${coverage}${selectionNotes(result)}${incomplete}${kubeletTls}${renderVersions(result)}</div>` +
      `<div class="chart"><h3>Failures by severity</h3>${barChart(failBySeverity, 'failures by severity')}</div></div>` +
      baselineBlock(result) +
      worstNamespaces(result),
    true,
  );
}

function worstNamespaces(result: ScanResult): string {
  const rows = [...result.summary.byNamespace]
    .filter((n) => n.counts.fail > 0)
    .sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || b.counts.fail - a.counts.fail || a.name.localeCompare(b.name))
    .slice(0, 10);
  if (rows.length === 0) return '';
  return (
    `<h3>Namespaces with the lowest scores</h3><table><thead><tr><th>namespace</th><th>tenant</th><th class="num">score</th><th class="num">fail</th><th class="num">coverage</th></tr></thead><tbody>` +
    rows
      .map((n) => `<tr><td><code>${esc(n.name)}</code></td><td>${esc(n.tenant ?? '')}</td><td class="num">${esc(scoreText(n.score))}</td><td class="num">${esc(n.counts.fail)}</td><td class="num">${esc(percent(n.coverage.ratio))}</td></tr>`)
      .join('') +
    `</tbody></table>`
  );
}

/** `3 fail · 12 pass · 1 unknown`: a control's result counts over its rules, worst first. */
export function countsText(counts: Partial<Record<string, number>>): string {
  const order = ['fail', 'error', 'unknown', 'waived', 'pass', 'not-applicable'] as const;
  const parts = order.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${k === 'not-applicable' ? 'n/a' : k}`);
  return parts.join(' · ');
}

function ruleCounts(rules: readonly string[], byRule: ReadonlyMap<string, RuleDigest>): Partial<Record<string, number>> {
  const out: Partial<Record<string, number>> = {};
  for (const r of new Set(rules)) for (const [k, n] of Object.entries(byRule.get(r)?.counts ?? {})) out[k] = (out[k] ?? 0) + (n ?? 0);
  return out;
}

/** A rule name that links to its group in the findings (when it has results there). */
function ruleLink(rule: string, byRule: ReadonlyMap<string, RuleDigest>): string {
  return byRule.has(rule) ? `<a href="#${esc(ruleAnchor(rule))}"><code>${esc(rule)}</code></a>` : `<code>${esc(rule)}</code>`;
}

/** What a framework report says of a control beyond its view: why it is manual, and its own result counts. */
interface ReportedControl {
  reason?: string | undefined;
  counts: Partial<Record<string, number>>;
}

/** One line per control: status, counts, the rules (linked to their findings); the evidence is listed once, under the findings. */
function controlRow(c: ControlView, byRule: ReadonlyMap<string, RuleDigest>, reported: ReportedControl | undefined): string {
  const reason = reported?.reason;
  const counts = countsText(reported ? reported.counts : ruleCounts(c.rules, byRule));
  const results = [counts ? esc(counts) : '', reason ? `<span class="muted">${esc(reason)}</span>` : ''].filter((x) => x).join('<br>') || '<span class="muted">—</span>';
  return (
    `<tr data-control="${esc(c.id)}"><td class="nowrap"><code>${esc(c.id)}</code></td><td>${esc(c.title)}</td>` +
    `<td>${statusBadge(c.status)}</td><td class="counts">${results}</td>` +
    `<td class="rules">${[...new Set(c.rules)].map((r) => ruleLink(r, byRule)).join(' ')}</td></tr>`
  );
}

function frameworksBlock(result: ScanResult): string {
  const fs = frameworkSection(result);
  const byRule = digestByRule(result.results);
  const reported = new Map((result.frameworks ?? []).flatMap((f) => f.controls.map((c) => [`${f.name}\u0000${c.id}`, { reason: c.reason, counts: c.counts }] as const)));
  // Peer tools' check IDs (Kubescape C-xxxx, polaris/…) are cross-references of their rules, not frameworks.
  const frameworks = fs.frameworks.filter((f) => isComplianceFramework(f.framework));
  const others = fs.others.filter((f) => isComplianceFramework(f.framework));
  const intro =
    (fs.origin === 'result'
      ? ''
      : `<p class="note" data-frameworks="not-evaluated">Framework compliance was <strong>not evaluated</strong> by a framework module in this scan. The controls below are the framework references of the rules that ran, with the status of those rules' results.</p>`) +
    `<p class="muted">One line per control: its status, the results of its rules, and the rules (linked to their findings, where the evidence is). Peer tools' check IDs are listed with each rule as cross-references.</p>`;
  if (frameworks.length === 0) return section('frameworks', 'Framework compliance', `${intro}<p class="empty">No rule that ran references a framework control.</p>`);
  const rest =
    others.length > 0
      ? `<h3>Other framework references</h3><p class="muted">Not evaluated by a framework module: the controls these frameworks map to the rules that ran, with the status of those rules' results.</p>${frameworkTables(others, byRule, new Map())}`
      : '';
  return section('frameworks', 'Framework compliance', intro + frameworkTables(frameworks, byRule, reported) + rest);
}

function frameworkTables(frameworks: readonly FrameworkView[], byRule: ReadonlyMap<string, RuleDigest>, reported: ReadonlyMap<string, ReportedControl>): string {
  return frameworks
    .map((f) => {
      // DESIGN.md: compliance = controls with every result passing / controls evaluated (pass, fail, waived).
      const evaluated = f.controls.filter((c) => c.status === 'pass' || c.status === 'fail' || c.status === 'waived');
      const passing = evaluated.filter((c) => c.status === 'pass').length;
      const undecided = f.controls.filter((c) => c.status === 'unknown' || c.status === 'error').length;
      return (
        `<h3 data-framework="${esc(f.framework)}">${esc(f.framework)}${f.version ? ` ${esc(f.version)}` : ''} — ${esc(passing)} of ${esc(evaluated.length)} evaluated controls pass` +
        ` (${esc(f.controls.length)} listed${undecided ? `, ${esc(undecided)} unknown or error` : ''})</h3>` +
        `<table class="controls"><thead><tr><th style="width:64px">control</th><th style="width:34%">title</th><th style="width:84px">status</th><th style="width:24%">results</th><th>rules</th></tr></thead><tbody>${f.controls
          .map((c) => controlRow(c, byRule, reported.get(`${f.framework}\u0000${c.id}`)))
          .join('')}</tbody></table>`
      );
    })
    .join('');
}

/** Display labels (h20base's naming): the score of a tenant's results vs its isolation assessment. */
const RESULTS_SCORE = 'Results score';
const ISOLATION_SCORE = 'Isolation score';

function tenantsBlock(result: ScanResult): string {
  const ts = tenantSection(result);
  const scores = result.summary.byTenant;
  const iso = new Map(ts.tenants.map((t) => [t.name, t]));
  const scoreTable =
    scores.length > 0
      ? `<h3>Scores by tenant</h3><p class="muted"><strong>${RESULTS_SCORE}</strong>: the score of every result in the tenant's namespaces. <strong>${ISOLATION_SCORE}</strong>: the tenant isolation assessment (the dimensions below).</p>` +
        `<table class="tenant-scores"><thead><tr><th>tenant</th><th>namespaces</th><th class="num">${ISOLATION_SCORE}</th><th class="num">${RESULTS_SCORE}</th><th class="num">fail</th><th class="num">pass</th><th class="num">coverage</th></tr></thead><tbody>${scores
          .map((t) => {
            const i = iso.get(t.name);
            return `<tr data-tenant="${esc(t.name)}"><td>${esc(t.name)}${i?.isolation ? ` <span class="muted" data-profile="${esc(i.isolation)}">· ${esc(i.isolation)} profile</span>` : ''}</td><td>${esc(i ? i.namespaces.join(', ') : '')}</td><td class="num" data-metric="isolation-score">${i ? esc(scoreText(i.isolationScore)) : '—'}</td><td class="num" data-metric="results-score">${esc(scoreText(t.score))}</td><td class="num">${esc(t.counts.fail)}</td><td class="num">${esc(t.counts.pass)}</td><td class="num">${esc(percent(t.coverage.ratio))}</td></tr>`;
          })
          .join('')}</tbody></table>`
      : '<p class="empty">No result is attributed to a tenant.</p>';
  if (!ts.evaluated) {
    return section('tenants', 'Tenants', `<p class="note" data-tenants="not-evaluated">Tenant isolation (dimension scores and the cross-tenant graph) was <strong>not evaluated</strong> in this scan.</p>${scoreTable}`);
  }
  const tenants = [...(result.tenants ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const byName = new Map(tenants.map((t) => [t.name, t]));
  const graph = tenantGraph(result);
  const figure =
    `<h3>Cross-tenant access</h3><div class="graph-wrap"><figure class="tenant-graph">${renderTenantGraph(graph)}` +
    `<figcaption>An arrow from A to B: A can reach B over the network (solid, <strong>N</strong> and the number of policies that let it through) or act in B through RBAC (dashed, <strong>R</strong> and the number of grants, one per subject and namespace). Colour: worst severity of the failing cross-tenant finding; grey: from unassigned or system namespaces, or no failing finding. Each arrow links to its paths below.</figcaption></figure>` +
    `<div>${edgeTable(graph.edges)}</div></div>`;
  const charts =
    tenants.length > 0
      ? `<h3>${ISOLATION_SCORE} by dimension</h3><div class="dim-charts">${tenants.map((t) => dimensionChart(t.name, Object.entries(t.dimensions).map(([dimension, d]) => ({ dimension, score: d.score })))).join('')}</div>`
      : '';
  const paths = graph.edges.length > 0 ? `<h3>Paths behind each arrow</h3>${graph.edges.map((e) => pathsBlock(e, byName.get(e.target))).join('')}` : '';
  const access = tenants
    .filter((t) => t.accessibleBy.length > 0)
    .map((t) => `<h3>Into ${esc(t.name)}: access (RBAC) by subjects outside the tenant</h3>${accessTable(condenseAccess(t.accessibleBy))}`)
    .join('');
  return section('tenants', 'Tenants', scoreTable + figure + charts + paths + access);
}

function edgeTable(edges: readonly GraphEdge[]): string {
  if (edges.length === 0) return '<p class="empty" data-edges="0">No cross-tenant access was found.</p>';
  return (
    `<table class="edges"><thead><tr><th>from</th><th>to</th><th>channel</th><th class="num" title="network: policies; RBAC: grants (subject × namespace)">count</th><th>worst</th></tr></thead><tbody>` +
    edges
      .map(
        (e) =>
          `<tr data-edge="${esc(`${e.source}>${e.target}:${e.channel}`)}"><td>${esc(e.source)}</td><td>${esc(e.target)}</td><td><a href="#${esc(pathsAnchor(e))}">${e.channel === 'network' ? 'network' : 'RBAC'}</a></td><td class="num">${esc(e.count)}</td><td>${e.severity ? sevBadge(e.severity) : '<span class="muted">—</span>'}</td></tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

function pathsBlock(e: GraphEdge, target: TenantReport | undefined): string {
  const head = `<h4 id="${esc(pathsAnchor(e))}">${esc(e.source)} → ${esc(e.target)} · ${e.channel === 'network' ? 'network' : 'RBAC'} · ${esc(e.count)} ${e.channel === 'network' ? 'polic(ies)' : 'grant(s) (subject × namespace)'}${e.severity ? ` ${sevBadge(e.severity)}` : ''}</h4>`;
  if (e.channel === 'network') {
    const lines = networkPaths(target, e.source).map(reachText);
    return `<div class="paths">${head}<ul class="evidence">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>`;
  }
  const entries: AccessEntryReport[] = e.origin === 'outside' ? (target?.accessibleBy ?? []).filter((a) => a.tenant === e.source) : rbacPaths(target, e.source);
  return `<div class="paths">${head}${accessTable(condenseAccess(entries))}</div>`;
}

function reachText(e: TenantReport['reachableFrom'][number]): string {
  const ex = e.example;
  return (
    `${ex.from ? `${ex.from} → ${ex.to || '?'} (${ex.ports || 'any port'})` : e.tenant}` +
    (e.policies.length ? ` via ${e.policies.join(', ')}` : '') +
    (e.unrestricted ? '; some pods have no ingress policy' : '')
  );
}

const CLASS_LABEL: Record<string, string> = { read: 'read', write: 'write', escalate: 'escalate', exec: 'exec' };

/** Condensed RBAC access: one line per subject and set of namespaces, the verb classes as badges, the full rights behind a <details>. */
function accessTable(lines: readonly AccessLine[]): string {
  if (lines.length === 0) return '<p class="empty">None.</p>';
  return (
    `<table class="access"><thead><tr><th style="width:28%">subject</th><th style="width:10%">tenant</th><th style="width:22%">namespaces</th><th>rights</th></tr></thead><tbody>` +
    lines
      .map(
        (l) =>
          `<tr data-subject="${esc(l.subject)}" data-classes="${esc(l.classes.join(' '))}"><td><code>${esc(l.subject)}</code></td><td>${esc(subjectTenant(l.tenant))}</td><td>${esc(l.namespaces.join(', '))}</td>` +
          `<td>${l.classes.map((c) => badge(`vc-${c}`, c === 'read' && l.secrets ? 'read (incl. secrets)' : (CLASS_LABEL[c] ?? c))).join(' ')}` +
          `<details class="rights"><summary>${esc(l.rights.length)} right(s), ${esc(l.via.length)} binding path(s)</summary><div class="mono">${esc(l.rights.join(', '))}</div><ul class="evidence">${l.via.map((v) => `<li>${esc(v)}</li>`).join('')}</ul></details></td></tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

function subjectTenant(t: string): string {
  return t === '*' ? 'every tenant' : t === 'none' ? '(platform)' : t;
}

/** A finding's evidence (and source location), once, collapsed: printed only with the full appendix. */
function evidenceDetails(r: RuleResult): string {
  if (r.evidence.length === 0 && !r.location) return '';
  const loc = r.location ? `<div class="muted mono">${esc(r.location.file)}:${esc(r.location.line)}</div>` : '';
  const items = r.evidence
    .map((e) => `<li><code>${esc(e.path)}</code>: actual <span class="actual mono">${esc(valueText(e.actual))}</span>, expected <span class="expected">${esc(e.expected)}</span></li>`)
    .join('');
  return `<details class="ev"><summary>evidence${r.evidence.length ? ` (${esc(r.evidence.length)})` : ''}</summary>${loc}${items ? `<ul class="evidence">${items}</ul>` : ''}</details>`;
}

function waiverCell(r: RuleResult, at: string): string {
  const w = r.waiver;
  if (!w) return '';
  const expired = waiverExpired(w, at);
  return (
    `<div class="waiver">${expired ? statusBadge('fail', 'expired waiver') : statusBadge('waived', 'waived')} ${esc(w.reason)}` +
    `${w.approver ? `; approver ${esc(w.approver)}` : ''}${w.ticket ? `; ticket ${esc(w.ticket)}` : ''}${w.expires ? `; expires ${esc(w.expires)}` : ''}</div>`
  );
}

/** What the default filter (status: fail, waived, unknown, error) shows: rendered hidden up front so opening needs no script work. */
const SHOWN_BY_DEFAULT: ReadonlySet<string> = new Set(['fail', 'waived', 'unknown', 'error']);

function resultRow(r: RuleResult, state: BaselineState | undefined, at: string): string {
  const ns = resultNamespace(r) ?? CLUSTER_SCOPE;
  const ref = refString(r.object);
  return (
    `<tr class="result${SHOWN_BY_DEFAULT.has(r.status) ? '' : ' hidden'}" data-severity="${esc(r.severity)}" data-status="${esc(r.status)}" data-namespace="${esc(ns)}">` +
    `<td>${statusBadge(r.status, STATUS_LABEL[r.status])}${state ? ` ${badge(`bl-${state}`, state)}` : ''}</td>` +
    `<td><code>${esc(ref)}</code>${r.tenant ? ` <span class="muted">· ${esc(r.tenant)}</span>` : ''}</td>` +
    `<td>${esc(r.message)}${evidenceDetails(r)}${waiverCell(r, at)}</td></tr>`
  );
}

function referencesLine(d: RuleDescriptor): string {
  const fw = d.references.filter(isFrameworkRef).filter((r) => isComplianceFramework(r.framework));
  const peers = d.references.filter((r) => isPeerRef(r) || !isComplianceFramework(r.framework));
  const xref = (r: RuleReference): string => (isPeerRef(r) ? peerText(r) : r.framework === 'peer' ? r.id : refText(r));
  return (
    (fw.length ? `<div><strong>Frameworks:</strong> ${esc(fw.map(refText).join(', '))}</div>` : '') +
    (peers.length ? `<div class="xref"><strong>Cross-references:</strong> ${esc(peers.map(xref).join(', '))}</div>` : '')
  );
}

function* ruleGroup(store: ResultStore, d: RuleDescriptor, rs: Uint32Array, stateOf: (r: RuleResult) => BaselineState | undefined, at: string): Generator<string> {
  const fails = store.countStatus(rs, 'fail');
  const hidden = store.countStatus(rs, 'fail', 'waived', 'unknown', 'error') > 0 ? '' : ' hidden';
  yield (
    `<div class="rule-group${hidden}" id="${esc(ruleAnchor(d.id))}" data-rule="${esc(d.id)}"><h3>${sevBadge(d.severity)} <span class="id">${esc(d.id)}</span> ${esc(d.title)} <span class="muted">(${esc(fails)} failing of ${esc(rs.length)})</span></h3>` +
    `<div class="rule-meta">${d.remediation ? `<div><strong>Remediation:</strong> ${esc(d.remediation)}</div>` : ''}${referencesLine(d)}` +
    `${d.description ? `<details class="about"><summary>About this rule</summary><div>${esc(d.description)}</div></details>` : ''}</div>` +
    `<table><thead><tr><th style="width:130px">status</th><th style="width:34%">object</th><th>finding (evidence collapsed: actual vs expected)</th></tr></thead><tbody>`
  );
  for (const i of rs) {
    const r = store.at(i);
    yield resultRow(r, stateOf(r), at);
  }
  yield `</tbody></table></div>`;
}

/** Says in the printout what the collapsed evidence means for it. */
function printNote(appendix: HtmlAppendix): string {
  return appendix === 'full'
    ? `<p class="print-only note" data-appendix="full">Printed with the full appendix (<code>--html-appendix full</code>): each finding's evidence is printed under it.</p>`
    : `<p class="print-only note" data-appendix="none">Evidence is not printed: each finding's evidence (actual vs expected, source location) is collapsed under it in the HTML file. Render with <code>--html-appendix full</code> to print it.</p>`;
}

function* findingsBlock(result: ScanResult, appendix: HtmlAppendix): Generator<string> {
  const rules = ruleIndex(result);
  const stateOf = baselineStates(result.baseline);
  const store = result.results;
  const namespaces = namespaceNames(store).sort();
  const option = (v: string, label = v, selected = false): string => `<option value="${esc(v)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const filters =
    `<div class="filters" role="search">` +
    `<label>severity <select id="f-severity">${option('', 'all')}${SEVERITIES.map((s) => option(s)).join('')}</select></label>` +
    `<label>status <select id="f-status">${option('problems', 'fail, waived, unknown, error', true)}${option('', 'all')}${(['fail', 'pass', 'waived', 'unknown', 'error', 'not-applicable'] as const).map((s) => option(s, STATUS_LABEL[s])).join('')}</select></label>` +
    `<label>namespace <select id="f-namespace">${option('', 'all')}${namespaces.map((n) => option(n)).join('')}</select></label>` +
    `<label>search <input id="f-search" type="search" placeholder="rule, object, message, evidence…" autocomplete="off"></label>` +
    `<span class="muted"><span id="f-count">${esc(store.countStatus(store.indexes(), 'fail', 'waived', 'unknown', 'error'))}</span> of ${esc(store.length)} results shown</span></div>`;
  yield `<section class="report-section" id="findings" data-section="findings"><h2>${esc('Findings by rule')}</h2>` + printNote(appendix) + filters;
  const groups = store.sortedByRule();
  // Rule groups in the order their first result has in the report (most severe rule first).
  const first = new Map<string, number>();
  const order = store.sortedIndexes();
  for (let k = 0; k < order.length; k++) {
    const id = store.ruleOf(order[k]!);
    if (!first.has(id)) first.set(id, k);
  }
  groups.sort(([a], [b]) => first.get(a)! - first.get(b)!);
  for (const [id, rs] of groups) yield* ruleGroup(store, describe(rules, id, store.severityOf(rs[0]!)), rs, stateOf, result.startedAt);
  if (groups.length === 0) yield '<p class="empty">No results.</p>';
  yield '</section>';
}

function namespaceNames(store: ResultStore): string[] {
  const out = new Set<string>();
  for (let i = 0; i < store.length; i++) out.add(store.namespaceOf(i) ?? CLUSTER_SCOPE);
  return [...out];
}

function waiversBlock(result: ScanResult): string {
  const waived = [...result.results.sorted((i) => result.results.waiverOf(i) !== undefined)];
  if (waived.length === 0) return section('waivers', 'Waivers', '<p class="empty">No waiver applied in this scan.</p>');
  const expired = waived.filter((r) => r.waiver && waiverExpired(r.waiver, result.startedAt));
  const expiredSet = new Set(expired);
  const active = waived.filter((r) => !expiredSet.has(r));
  const table = (rs: RuleResult[], state: string): string =>
    rs.length === 0
      ? `<p class="empty">None.</p>`
      : `<table><thead><tr><th>rule</th><th>object</th><th>reason</th><th>approver</th><th>ticket</th><th>expires</th><th>source</th></tr></thead><tbody>${rs
          .map((r) => {
            const w = r.waiver;
            return `<tr data-waiver="${esc(state)}"><td><code>${esc(r.rule)}</code></td><td><code>${esc(refString(r.object))}</code></td><td>${esc(w?.reason)}</td><td>${esc(w?.approver ?? '—')}</td><td>${esc(w?.ticket ?? '—')}</td><td>${esc(w?.expires ?? 'never')}</td><td>${esc(w?.source)}</td></tr>`;
          })
          .join('')}</tbody></table>`;
  return section(
    'waivers',
    'Waivers',
    `<h3>Active (${esc(active.length)})</h3>${table(active, 'active')}<h3>Expired (${esc(expired.length)})</h3><p class="muted">An expired waiver no longer excuses its finding.</p>${table(expired, 'expired')}`,
  );
}

function metadataBlock(result: ScanResult): string {
  const src = result.source;
  const kinds = Object.entries(result.summary.objects.byKind).sort(([a], [b]) => a.localeCompare(b));
  const ruleErrors = [...result.results.sorted(result.results.statusIs('error'))];
  const unknowns = result.results.countStatus(result.results.indexes(), 'unknown');
  const tls = kubeletTlsNote(result);
  const rows: [string, string][] = [
    ['source', `${src.mode}: ${src.location}`],
    ['cluster', [src.cluster?.name, src.cluster?.version].filter((x) => x).join(' ') || '—'],
    ...(tls ? [['kubelet TLS', `${tls.text} (${tls.mode})${tls.warning ? ` — WARNING: ${tls.warning}` : ''}`] as [string, string]] : []),
    ['started', result.startedAt],
    ['duration', `${result.durationSeconds} s`],
    ['scanner', `${result.scanner.name} ${result.scanner.version}`],
    ['result schema', result.schemaVersion],
    ['rules', String(result.rules.length)],
    ['objects', String(result.summary.objects.total)],
  ];
  const notVisible =
    result.gaps.length === 0 && result.errors.length === 0 && ruleErrors.length === 0
      ? `<p data-visibility="complete">Everything listed was readable and every rule ran. ${unknowns > 0 ? `${esc(unknowns)} result(s) are unknown (see findings with status unknown).` : ''}</p>`
      : (result.gaps.length
          ? `<h3>Kinds that could not be read (${esc(result.gaps.length)})</h3><table><thead><tr><th>kind</th><th>code</th><th>reason</th></tr></thead><tbody>${result.gaps
              .map((g) => `<tr><td>${esc(g.kind)}</td><td>${esc(g.code)}</td><td>${esc(g.reason)}</td></tr>`)
              .join('')}</tbody></table>`
          : '') +
        (result.errors.length
          ? `<h3>Input errors (${esc(result.errors.length)})</h3><table><thead><tr><th>source</th><th>reason</th><th>message</th></tr></thead><tbody>${result.errors
              .map((e) => `<tr><td class="mono">${esc(e.source)}${e.line ? `:${esc(e.line)}` : ''}</td><td>${esc(e.reason)}</td><td>${esc(e.message)}</td></tr>`)
              .join('')}</tbody></table>`
          : '') +
        (ruleErrors.length
          ? `<h3>Rule errors (${esc(ruleErrors.length)})</h3><table><thead><tr><th>rule</th><th>object</th><th>error</th></tr></thead><tbody>${ruleErrors
              .map((r) => `<tr><td><code>${esc(r.rule)}</code></td><td><code>${esc(refString(r.object))}</code></td><td>${esc(r.message)}</td></tr>`)
              .join('')}</tbody></table>`
          : '');
  const unrec = result.summary.objects.unrecognized as { total: number; byKind: Record<string, number> } | undefined;
  const unrecognized =
    unrec && unrec.total > 0
      ? `<h3>Objects read but not evaluated (${esc(unrec.total)})</h3><p class="muted">No rule targets these kinds: ${esc(
          Object.entries(unrec.byKind)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, n]) => `${k} (${n})`)
            .join(', '),
        )}.</p>`
      : '';
  return section(
    'metadata',
    'Scan metadata',
    `<table>${rows.map(([k, v]) => `<tr><th style="width:160px">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>` +
      `<h3>What was not visible</h3>${notVisible}${unrecognized}` +
      `<h3>Objects by kind</h3><table><thead><tr><th>kind</th><th class="num">objects</th></tr></thead><tbody>${kinds
        .map(([k, n]) => `<tr><td>${esc(k)}</td><td class="num">${esc(n)}</td></tr>`)
        .join('')}</tbody></table>`,
  );
}

function sha256b64(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

export function* streamHtml(result: ScanResult, opts: HtmlOptions = {}): Generator<string> {
  const appendix = opts.appendix ?? 'none';
  const title = `Palisade report — ${result.source.cluster?.name ?? result.source.location}`;
  // The script is allowed by its hash only: injected markup could not run a script even if escaping failed.
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${sha256b64(SCRIPT)}'; base-uri 'none'; form-action 'none'`;
  const nav = ['summary:Summary', 'frameworks:Frameworks', 'tenants:Tenants', 'findings:Findings', 'waivers:Waivers', 'metadata:Scan metadata']
    .map((x) => {
      const [id, label] = x.split(':');
      return `<a href="#${id ?? ''}">${esc(label)}</a>`;
    })
    .join('');
  yield (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="${esc(`${result.scanner.name} ${result.scanner.version}`)}">` +
    `<title>${esc(title)}</title><style>${CSS}</style></head><body class="appendix-${appendix}">` +
    `<header class="top"><h1>${esc(title)}</h1><div class="sub">${esc(result.source.mode)} scan of ${esc(result.source.location)} · ${esc(result.startedAt)} · ${esc(result.scanner.name)} ${esc(result.scanner.version)} · ScanResult ${esc(result.schemaVersion)}</div></header>` +
    `<nav class="toc">${nav}</nav><main>` +
    summarySection(result) +
    frameworksBlock(result) +
    tenantsBlock(result)
  );
  yield* findingsBlock(result, appendix);
  yield waiversBlock(result) + metadataBlock(result) + integrityBlock(result) + `</main><script>${SCRIPT}</script></body></html>\n`;
}

/** The whole document as one string: tests and small results; writers use `streamHtml`. */
export function renderHtml(result: ScanResult, opts: HtmlOptions = {}): string {
  return [...streamHtml(result, opts)].join('');
}

/** The selection and the namespaces a live scan listed some kinds in: the score covers the selection only. */
function selectionNotes(result: ScanResult): string {
  const text = selectionText(result);
  if (!text) return '';
  return `<p class="note" data-selection>${esc(text.selection)}</p>` + text.limits.map((l) => `<p class="note" data-namespace-limit>${esc(l)}</p>`).join('');
}
