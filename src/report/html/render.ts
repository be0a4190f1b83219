/**
 * Self-contained HTML report: one file, CSS/JS/charts inlined, a Content-Security-Policy that
 * forbids every network fetch, printable (print stylesheet with a page break per section).
 * Sections: executive summary, framework compliance, tenants, findings by rule (with filters
 * and search), waivers, scan metadata. Every value from the scan is escaped.
 */
import { createHash } from 'node:crypto';
import { refString } from '../../model/k8s.js';
import { SEVERITIES, resultNamespace, type RuleResult, type Severity } from '../../model/result.js';
import { baselineStates, type BaselineState } from '../baseline.js';
import { describe, kubeletTlsNote, percent, refText, ruleIndex, scoreText, STATUS_LABEL, valueText, waiverExpired } from '../common.js';
import type { RuleDescriptor, ScanResult } from '../model.js';
import { frameworkSection, tenantSection, type ControlView, type FrameworkView } from '../sections.js';
import { CSS, SCRIPT } from './assets.js';
import { esc } from './escape.js';
import type { ResultStore } from '../../findings/store.js';
import { barChart, scoreGauge } from './svg.js';
import { baselineBlock } from './baseline.js';
import { integrityBlock } from './integrity.js';

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
      `<div><div class="cards">${cards}</div>${coverage}${incomplete}${kubeletTls}</div>` +
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

function controlRow(c: ControlView): string {
  const ev = c.evidence.length ? `<ul class="evidence">${c.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '<span class="muted">—</span>';
  return `<tr data-control="${esc(c.id)}"><td class="nowrap"><code>${esc(c.id)}</code></td><td>${esc(c.title)}</td><td>${statusBadge(c.status)}</td><td class="rules">${c.rules.map((r) => `<code>${esc(r)}</code>`).join('<br>')}</td><td>${ev}</td></tr>`;
}

function frameworksBlock(result: ScanResult): string {
  const fs = frameworkSection(result);
  const intro =
    fs.origin === 'result'
      ? ''
      : `<p class="note" data-frameworks="not-evaluated">Framework compliance was <strong>not evaluated</strong> by a framework module in this scan. The controls below are the framework references of the rules that ran, with the status of those rules' results.</p>`;
  if (fs.frameworks.length === 0) return section('frameworks', 'Framework compliance', `${intro}<p class="empty">No rule that ran references a framework control.</p>`);
  const others =
    fs.others.length > 0
      ? `<h3>Other framework references</h3><p class="muted">Not evaluated by a framework module: the controls these frameworks map to the rules that ran, with the status of those rules' results.</p>${frameworkTables(fs.others)}`
      : '';
  return section('frameworks', 'Framework compliance', intro + frameworkTables(fs.frameworks) + others);
}

function frameworkTables(frameworks: readonly FrameworkView[]): string {
  return frameworks
    .map((f) => {
      // DESIGN.md: compliance = controls with every result passing / controls evaluated (pass, fail, waived).
      const evaluated = f.controls.filter((c) => c.status === 'pass' || c.status === 'fail' || c.status === 'waived');
      const passing = evaluated.filter((c) => c.status === 'pass').length;
      const undecided = f.controls.filter((c) => c.status === 'unknown' || c.status === 'error').length;
      return (
        `<h3>${esc(f.framework)}${f.version ? ` ${esc(f.version)}` : ''} — ${esc(passing)} of ${esc(evaluated.length)} evaluated controls pass` +
        ` (${esc(f.controls.length)} listed${undecided ? `, ${esc(undecided)} unknown or error` : ''})</h3>` +
        `<table class="controls"><thead><tr><th style="width:90px">control</th><th style="width:22%">title</th><th style="width:100px">status</th><th style="width:20%">rules</th><th>evidence</th></tr></thead><tbody>${f.controls.map(controlRow).join('')}</tbody></table>`
      );
    })
    .join('');
}

function tenantsBlock(result: ScanResult): string {
  const ts = tenantSection(result);
  const scores = result.summary.byTenant;
  const scoreTable =
    scores.length > 0
      ? `<h3>Scores by tenant</h3><table><thead><tr><th>tenant</th><th class="num">score</th><th class="num">fail</th><th class="num">pass</th><th class="num">coverage</th></tr></thead><tbody>${scores
          .map((t) => `<tr><td>${esc(t.name)}</td><td class="num">${esc(scoreText(t.score))}</td><td class="num">${esc(t.counts.fail)}</td><td class="num">${esc(t.counts.pass)}</td><td class="num">${esc(percent(t.coverage.ratio))}</td></tr>`)
          .join('')}</tbody></table>`
      : '<p class="empty">No result is attributed to a tenant.</p>';
  if (!ts.evaluated) {
    return section('tenants', 'Tenants', `<p class="note" data-tenants="not-evaluated">Tenant isolation (dimension scores and the cross-tenant matrix) was <strong>not evaluated</strong> in this scan.</p>${scoreTable}`);
  }
  const dims = [...new Set(ts.tenants.flatMap((t) => Object.keys(t.dimensions)))].sort();
  const isoTable =
    ts.tenants.length > 0
      ? `<h3>Isolation by dimension</h3><table><thead><tr><th>tenant</th><th>namespaces</th><th class="num">score</th>${dims.map((d) => `<th class="num">${esc(d)}</th>`).join('')}</tr></thead><tbody>${ts.tenants
          .map(
            (t) =>
              `<tr><td>${esc(t.name)}</td><td>${esc(t.namespaces.join(', '))}</td><td class="num">${esc(scoreText(t.isolationScore))}</td>${dims
                .map((d) => `<td class="num">${t.dimensions[d] === undefined ? '—' : esc(scoreText(t.dimensions[d] ?? null))}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`
      : '';
  const names = [...new Set([...ts.tenants.map((t) => t.name), ...ts.matrix.flatMap((m) => [m.source, m.target])])].sort();
  const cell = (src: string, dst: string): string => {
    if (src === dst) return '<td class="self">—</td>';
    const hits = ts.matrix.filter((m) => m.source === src && m.target === dst);
    if (hits.length === 0) return '<td>0</td>';
    return `<td class="cross" title="${esc(hits.map((h) => `${h.channel}: ${h.count}`).join(', '))}">${esc(hits.reduce((n, h) => n + h.count, 0))}<br><span class="muted">${esc(hits.map((h) => h.channel).join(', '))}</span></td>`;
  };
  const matrix =
    names.length > 0
      ? `<h3>Cross-tenant access matrix</h3><p class="muted">Row tenant can reach or act in column tenant (count of paths; channels below).</p><table class="matrix"><thead><tr><th>from \\ to</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr></thead><tbody>${names
          .map((src) => `<tr><th>${esc(src)}</th>${names.map((dst) => cell(src, dst)).join('')}</tr>`)
          .join('')}</tbody></table>`
      : '<p class="empty">No cross-tenant access was found.</p>';
  const exposure = ts.tenants
    .filter((t) => t.reachableFrom.length > 0 || t.accessibleBy.length > 0)
    .map(
      (t) =>
        `<h3>${esc(t.name)}: reachable and accessible from outside</h3>` +
        (t.reachableFrom.length ? `<div><strong>Network, reachable from</strong><ul class="evidence">${t.reachableFrom.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>` : '') +
        (t.accessibleBy.length ? `<div><strong>Access (RBAC), by subjects outside the tenant</strong><ul class="evidence">${t.accessibleBy.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>` : ''),
    )
    .join('');
  return section('tenants', 'Tenants', scoreTable + isoTable + matrix + exposure);
}

function evidenceList(r: RuleResult): string {
  if (r.evidence.length === 0) return '';
  return `<ul class="evidence">${r.evidence
    .map((e) => `<li><code>${esc(e.path)}</code>: actual <span class="actual mono">${esc(valueText(e.actual))}</span>, expected <span class="expected">${esc(e.expected)}</span></li>`)
    .join('')}</ul>`;
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
    `<td><code>${esc(ref)}</code>${r.tenant ? `<div class="muted">tenant ${esc(r.tenant)}</div>` : ''}${r.location ? `<div class="muted mono">${esc(r.location.file)}:${esc(r.location.line)}</div>` : ''}</td>` +
    `<td>${esc(r.message)}${evidenceList(r)}${waiverCell(r, at)}</td></tr>`
  );
}

function* ruleGroup(store: ResultStore, d: RuleDescriptor, rs: Uint32Array, stateOf: (r: RuleResult) => BaselineState | undefined, at: string): Generator<string> {
  const fails = store.countStatus(rs, 'fail');
  const refs = d.references.map(refText).join(', ');
  const hidden = store.countStatus(rs, 'fail', 'waived', 'unknown', 'error') > 0 ? '' : ' hidden';
  yield (
    `<div class="rule-group${hidden}" data-rule="${esc(d.id)}"><h3>${sevBadge(d.severity)} <span class="id">${esc(d.id)}</span> ${esc(d.title)} <span class="muted">(${esc(fails)} failing of ${esc(rs.length)})</span></h3>` +
    `<div class="rule-meta">${d.description ? `<div>${esc(d.description)}</div>` : ''}${d.remediation ? `<div><strong>Remediation:</strong> ${esc(d.remediation)}</div>` : ''}${refs ? `<div><strong>References:</strong> ${esc(refs)}</div>` : ''}</div>` +
    `<table><thead><tr><th style="width:150px">status</th><th style="width:32%">object</th><th>finding and evidence (actual vs expected)</th></tr></thead><tbody>`
  );
  for (const i of rs) {
    const r = store.at(i);
    yield resultRow(r, stateOf(r), at);
  }
  yield `</tbody></table></div>`;
}

function* findingsBlock(result: ScanResult): Generator<string> {
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
  yield `<section class="report-section" id="findings" data-section="findings"><h2>${esc('Findings by rule')}</h2>` + filters;
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

export function* streamHtml(result: ScanResult): Generator<string> {
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
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>` +
    `<header class="top"><h1>${esc(title)}</h1><div class="sub">${esc(result.source.mode)} scan of ${esc(result.source.location)} · ${esc(result.startedAt)} · ${esc(result.scanner.name)} ${esc(result.scanner.version)} · ScanResult ${esc(result.schemaVersion)}</div></header>` +
    `<nav class="toc">${nav}</nav><main>` +
    summarySection(result) +
    frameworksBlock(result) +
    tenantsBlock(result)
  );
  yield* findingsBlock(result);
  yield waiversBlock(result) + metadataBlock(result) + integrityBlock(result) + `</main><script>${SCRIPT}</script></body></html>\n`;
}

/** The whole document as one string: tests and small results; writers use `streamHtml`. */
export function renderHtml(result: ScanResult): string {
  return [...streamHtml(result)].join('');
}
