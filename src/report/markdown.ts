/**
 * Markdown summary for a pull-request comment: score, counts, what changed against the
 * baseline, the top failing rules and the new findings. Short on purpose; the full detail is
 * in the HTML/SARIF reports. Text from objects is escaped (GitHub renders inline HTML).
 */
import { versionsText } from './versions.js';
import { selectionText } from './selection-text.js';
import { refString } from '../model/k8s.js';
import type { RuleResult, Waiver } from '../model/result.js';
import { severityRank } from '../model/result.js';
import { baselineCountsText, findingKey } from './baseline.js';
import { describe, kubeletTlsNote, percent, ruleIndex, scoreText } from './common.js';
import type { ScanResult } from './model.js';
import { configLines, integrityOf, waiverLines } from './integrity.js';

const TOP_RULES = 10;
const NEW_LIMIT = 20;

export function mdEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** Bounded by construction (top rules, first new findings), so it is made as lines. */
export function* streamMarkdown(result: ScanResult): Generator<string> {
  const s = result.summary;
  const c = s.counts;
  const rules = ruleIndex(result);
  const lines: string[] = [];
  lines.push(`### Palisade: score ${scoreText(s.score)}${result.baseline ? trend(result) : ''}`);
  lines.push('');
  lines.push(
    `Coverage ${percent(s.coverage.ratio)} (${s.coverage.evaluated} of ${s.coverage.applicable} applicable results evaluated) · ` +
      `${mdEscape(result.source.mode)} scan of \`${result.source.location.replace(/`/g, "'")}\` · ${mdEscape(result.scanner.name)} ${mdEscape(result.scanner.version)}`,
  );
  const selection = selectionText(result);
  for (const line of selection ? [selection.selection, ...selection.limits] : []) {
    lines.push('');
    lines.push(`> ${mdEscape(line)}`);
  }
  const versions = versionsText(result);
  if (versions) {
    lines.push('');
    lines.push(`Kubernetes: ${mdEscape(versions)}.`);
  }
  const tls = kubeletTlsNote(result);
  if (tls && !tls.warning) {
    lines.push('');
    lines.push(`Kubelet TLS: ${mdEscape(tls.text)}.`);
  }
  if (tls?.warning) {
    lines.push('');
    lines.push(`> **Warning — kubelet TLS: ${mdEscape(tls.text)}.** ${mdEscape(tls.warning)}.`);
  }
  lines.push('');
  lines.push('| fail | pass | waived | unknown | error | not applicable |');
  lines.push('|---:|---:|---:|---:|---:|---:|');
  lines.push(`| ${c.fail} | ${c.pass} | ${c.waived} | ${c.unknown} | ${c.error} | ${c.notApplicable} |`);
  if (result.incomplete) {
    lines.push('');
    lines.push(`> **Incomplete scan:** ${result.errors.length} input error(s), ${result.gaps.length} unreadable kind(s), ${c.error} rule error(s).`);
  }
  if (result.baseline) {
    lines.push('');
    lines.push(`**Against the baseline** (${mdEscape(result.baseline.against.startedAt)}): ${baselineCountsText(result.baseline.counts)}. A waived finding is never counted as fixed.`);
  }

  const store = result.results;
  const isFail = store.statusIs('fail');
  const perRule = new Map<string, { n: number; severity: RuleResult['severity'] }>();
  for (const i of store.indexes(isFail)) {
    const e = perRule.get(store.ruleOf(i));
    if (e) e.n++;
    else perRule.set(store.ruleOf(i), { n: 1, severity: store.severityOf(i) });
  }
  if (perRule.size > 0) {
    lines.push('');
    lines.push('#### Top failing rules');
    lines.push('');
    lines.push('| severity | rule | failing objects |');
    lines.push('|---|---|---:|');
    const top = [...perRule.entries()]
      .map(([id, e]) => ({ d: describe(rules, id, e.severity), n: e.n }))
      .sort((a, b) => severityRank(b.d.severity) - severityRank(a.d.severity) || b.n - a.n || a.d.id.localeCompare(b.d.id))
      .slice(0, TOP_RULES);
    for (const { d, n } of top) lines.push(`| ${d.severity} | \`${d.id}\` ${mdEscape(d.title)} | ${n} |`);
    if (perRule.size > TOP_RULES) lines.push(`| | … ${perRule.size - TOP_RULES} more rules | |`);
  }

  const tenants = [...(result.tenants ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  if (tenants.length > 0) {
    lines.push('');
    lines.push('#### Tenants');
    lines.push('');
    lines.push('| tenant | profile | score | coverage | namespaces |');
    lines.push('|---|---|---:|---:|---:|');
    for (const t of tenants) lines.push(`| ${mdEscape(t.name)} | ${t.isolation} | ${scoreText(t.score)} | ${percent(t.coverage.ratio)} | ${t.namespaces.length} |`);
  }

  if (result.baseline && result.baseline.counts.new > 0) {
    const fresh = new Set(result.baseline.new.map((k) => findingKey(k.rule, k.object)));
    const newOnes = [...store.sorted(isFail)].filter((r) => fresh.has(findingKey(r.rule, r.object)));
    lines.push('');
    lines.push('#### New findings');
    lines.push('');
    for (const r of dedupe(newOnes).slice(0, NEW_LIMIT)) {
      lines.push(`- **${r.severity}** \`${r.rule}\` ${mdEscape(refString(r.object))}: ${mdEscape(r.message)}`);
    }
    if (result.baseline.counts.new > NEW_LIMIT) lines.push(`- … ${result.baseline.counts.new - NEW_LIMIT} more`);
  }
  lines.push(...waiverChanges(result));
  lines.push(...integritySection(result));
  lines.push('');
  yield lines.join('\n');
}

/** Newly waived and waiver-expired findings: what an auditor must see besides new and fixed. */
function waiverChanges(result: ScanResult): string[] {
  const b = result.baseline;
  if (!b) return [];
  const out: string[] = [];
  const waiver = (w: Waiver): string =>
    [`reason: ${mdEscape(w.reason)}`, w.approver ? `approver: ${mdEscape(w.approver)}` : '', w.ticket ? `ticket: ${mdEscape(w.ticket)}` : '', `expires: ${mdEscape(w.expires ?? 'never')}`]
      .filter((p) => p !== '')
      .join(', ');
  const list = <T>(title: string, items: readonly T[], line: (x: T) => string): void => {
    if (items.length === 0) return;
    out.push('', `#### ${title}`, '');
    for (const x of items.slice(0, NEW_LIMIT)) out.push(line(x));
    if (items.length > NEW_LIMIT) out.push(`- … ${items.length - NEW_LIMIT} more`);
  };
  list('Newly waived since the baseline', b.newlyWaived ?? [], (f) => `- **${f.severity}** \`${f.rule}\` ${mdEscape(refString(f.object))}: ${mdEscape(f.message)} (${waiver(f.waiver)})`);
  list('Waiver expired or removed since the baseline', b.waiverExpired ?? [], (f) =>
    `- **${f.severity}** \`${f.rule}\` ${mdEscape(refString(f.object))}: ${mdEscape(f.message)} (waiver ${f.cause}; it was ${waiver(f.waiver)})`,
  );
  list('No longer evaluated', b.notEvaluated ?? [], (f) => `- **${f.severity}** \`${f.rule}\` ${mdEscape(refString(f.object))}: was ${f.before}, now ${f.now}`);
  return out;
}

/** What the report was made from: the ScanResult's SHA-256, the version and the effective configuration. */
function integritySection(result: ScanResult): string[] {
  const i = integrityOf(result);
  return [
    '',
    '#### Integrity',
    '',
    `- ScanResult SHA-256: \`${i.sha256}\` (of \`palisade report --from-result FILE --format json\`; docs/reports.md)`,
    `- Palisade ${mdEscape(i.scannerVersion)}, ScanResult schema ${mdEscape(result.schemaVersion)}`,
    ...configLines(i.config).map((l) => `- ${mdEscape(l)}`),
    ...waiverLines(i.config).map((l) => `  - waiver ${mdEscape(l)}`),
  ];
}

function trend(result: ScanResult): string {
  const before = result.baseline?.against.score ?? null;
  const now = result.summary.score;
  if (before === null || now === null) return ` (baseline ${scoreText(before)})`;
  const d = Math.round((now - before) * 10) / 10;
  return ` (${d > 0 ? '▲ +' : d < 0 ? '▼ ' : '= '}${d === 0 ? '0' : d} vs baseline ${before})`;
}

function dedupe(rs: readonly RuleResult[]): RuleResult[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const k = findingKey(r.rule, r.object);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The whole document as one string: tests and small results; writers use `streamMarkdown`. */
export function renderMarkdown(result: ScanResult): string {
  return [...streamMarkdown(result)].join('');
}
