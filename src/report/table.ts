import { selectionText } from './selection-text.js';
import { versionsText } from './versions.js';
import { styleText } from 'node:util';
import { SEVERITIES, SEVERITY_WEIGHT, resultNamespace, severityRank, type RuleResult, type Severity } from '../model/result.js';
import { kubeletTlsNote } from './common.js';
import { refString } from '../model/k8s.js';
import type { ScanResult } from './model.js';
import { renderTenantLines } from '../scoring/tenants.js';

export interface TableOptions {
  color: boolean;
  /** Terminal width: every line is cut to it (default 80: COLUMNS, else the TTY's width, else 80). */
  width?: number | undefined;
  /** `--details`: list every failing object under its rule, not just the first few. */
  details?: boolean | undefined;
}

const visibleLength = (s: string): number => [...s.replace(/\u001b\[[0-9;]*m/g, '')].length;

/**
 * Wraps a line to `width` at spaces, continuation lines indented two more than the line (nothing
 * is lost, unlike `fitLine`); a single word longer than the width is cut.
 */
export function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const lead = /^ */.exec(line)?.[0].length ?? 0;
  const indent = ' '.repeat(Math.min(lead + 2, Math.floor(width / 2)));
  const body = line.slice(lead);
  // Break at column gaps (two or more spaces) when the line has them, so "error 0" stays together.
  const gap = /\S {2,}\S/.test(body);
  const parts = body.split(gap ? /( {2,})/ : /( )/);
  const out: string[] = [];
  let current = line.slice(0, lead);
  let empty = true;
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i] ?? '';
    const sep = parts[i - 1] ?? '';
    const next = empty ? current + word : current + sep + word;
    if (!empty && visibleLength(next) > width) {
      out.push(current);
      current = indent + word;
    } else current = next;
    empty = false;
  }
  out.push(current);
  return out.flatMap((l) => (gap && visibleLength(l) > width ? wrapSpaces(l, width, indent) : [fitLine(l, width)]));
}

/** Wraps at single spaces (a column cell longer than the width). */
function wrapSpaces(line: string, width: number, indent: string): string[] {
  const lead = /^ */.exec(line)?.[0] ?? '';
  const out: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(' ')) {
    const next = current.trim() === '' ? current + word : `${current} ${word}`;
    if (current.trim() !== '' && visibleLength(next) > width) {
      out.push(current);
      current = indent + word;
    } else current = next;
  }
  out.push(current);
  return out.map((l) => fitLine(l, width));
}

/** How many failing objects a rule names without --details. */
export const OBJECTS_PER_RULE = 3;

const ANSI = /\u001b\[[0-9;]*m/y;

/** Cuts a line to `width` visible characters (ANSI codes kept, closed when cut), ending in `…` when cut. */
export function fitLine(line: string, width: number): string {
  const visible = line.replace(/\u001b\[[0-9;]*m/g, '');
  if ([...visible].length <= width) return line;
  let out = '';
  let count = 0;
  let i = 0;
  let styled = false;
  while (i < line.length && count < width - 1) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(line);
    if (m) {
      out += m[0];
      styled = m[0] !== '\u001b[0m' && m[0] !== '\u001b[39m' && m[0] !== '\u001b[22m';
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i) ?? 32);
    out += ch;
    i += ch.length;
    count++;
  }
  return out + '…' + (styled || /\u001b\[/.test(out) ? '\u001b[0m' : '');
}

type StyleName = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan' | 'magenta';

/** Colors only when the caller says the destination is a TTY and NO_COLOR is unset. */
export interface Style {
  (style: StyleName | StyleName[], text: string): string;
  readonly color: boolean;
}

export function makeStyle(color: boolean): Style {
  const fn = (style: StyleName | StyleName[], text: string): string =>
    color ? styleText(style, text, { validateStream: false }) : text;
  return Object.assign(fn, { color });
}

/**
 * One section of the table report: returns its lines, or an empty list to leave it out.
 * Other parts (tenant matrix, framework compliance) add their section to TABLE_SECTIONS.
 */
export interface TableSection {
  name: string;
  render(result: ScanResult, style: Style, opts?: TableOptions): string[];
}

const SEVERITY_STYLE: Record<Severity, StyleName[]> = {
  critical: ['bold', 'red'],
  high: ['red'],
  medium: ['yellow'],
  low: ['cyan'],
  info: ['dim'],
};

export function severityLabel(s: Severity, style: Style, width = 8): string {
  return style(SEVERITY_STYLE[s], s.padEnd(width));
}

function scoreText(score: number | null, style: Style): string {
  if (score === null) return style('dim', 'n/a');
  const text = score.toFixed(1);
  return style(score >= 90 ? 'green' : score >= 70 ? 'yellow' : ['bold', 'red'], text);
}

function percent(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${Math.round(ratio * 1000) / 10}%`;
}

/** Left-aligned columns; `right` lists the columns to right-align. Widths ignore ANSI codes. */
export function columns(rows: string[][], right: number[] = []): string[] {
  const visible = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - visible(cell));
        if (i === row.length - 1 && !right.includes(i)) return cell;
        return right.includes(i) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

function heading(text: string, style: Style): string {
  return style('bold', text);
}

const header: TableSection = {
  name: 'header',
  render(result, style) {
    const s = result.source;
    const cluster = s.cluster ? ` · cluster ${[s.cluster.name, s.cluster.version].filter(Boolean).join(' ')}` : '';
    const when = result.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    return [
      `${style('bold', 'Palisade')} ${result.scanner.version} · ${s.mode} scan of ${s.location}${cluster}`,
      style('dim', `${when} · ${result.summary.objects.total} objects · ${result.rules.length} rules · ${result.durationSeconds}s`),
      ...kubeletTlsLines(result, style),
      ...selectionLines(result, style),
    ];
  },
};

/** What a namespace or rule selection left out: the score below covers the rest only. */
function selectionLines(result: ScanResult, style: Style): string[] {
  const text = selectionText(result);
  if (!text) return [];
  return [text.selection, ...text.limits].map((line) => style('yellow', line));
}

/** Only when kubelet configurations were read live; unverified reads are a warning. */
function kubeletTlsLines(result: ScanResult, style: Style): string[] {
  const note = kubeletTlsNote(result);
  if (!note) return [];
  if (!note.warning) return [style('dim', `kubelet TLS: ${note.text}`)];
  return [`${style(['bold', 'yellow'], `WARNING kubelet TLS: ${note.text}`)}: ${note.warning}`];
}

const summary: TableSection = {
  name: 'summary',
  render(result, style) {
    const s = result.summary;
    const c = s.counts;
    const failing = SEVERITIES.map((sev) => `${sev} ${s.bySeverity[sev]?.fail ?? 0}`);
    const lines = [
      heading('SUMMARY', style),
      `  Score     ${scoreText(s.score, style)} / 100`,
      `  Coverage  ${percent(s.coverage.ratio)} (${s.coverage.evaluated} of ${s.coverage.applicable} applicable results evaluated)`,
      `  Results   pass ${c.pass}  fail ${c.fail}  waived ${c.waived}  unknown ${c.unknown}  not-applicable ${c.notApplicable}  error ${c.error}`,
      `  Failing   ${failing.join('  ')}`,
    ];
    const versions = versionsText(result);
    if (versions) lines.push(`  Versions  ${versions}`);
    if (result.incomplete) lines.push(`  ${style(['bold', 'yellow'], 'Incomplete:')} some input could not be read or evaluated (see below)`);
    return lines;
  },
};

const BASELINE_LINES = 3;

/** Against the baseline: the five states, then the first few findings whose waiver changed. */
const baselineSection: TableSection = {
  name: 'baseline',
  render(result, style) {
    const b = result.baseline;
    if (!b) return [];
    const c = b.counts;
    const when = b.against.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    const lines = [
      heading(`BASELINE (${when}, ${b.against.location})`, style),
      `  new ${c.new}  fixed ${c.fixed}  unchanged ${c.unchanged}  newly waived ${c.newlyWaived ?? 0}  waiver expired ${c.waiverExpired ?? 0}` +
        ((c.notEvaluated ?? 0) > 0 ? `  no longer evaluated ${c.notEvaluated}` : ''),
    ];
    const some = <T extends { rule: string; object: RuleResult['object'] }>(label: string, items: readonly T[], note: (x: T) => string): void => {
      for (const x of items.slice(0, BASELINE_LINES)) lines.push(`  ${style('dim', label)} ${x.rule} ${refString(x.object)} ${style('dim', note(x))}`);
      if (items.length > BASELINE_LINES) lines.push(style('dim', `  … and ${items.length - BASELINE_LINES} more ${label}`));
    };
    some('newly waived', b.newlyWaived ?? [], (f) => `(${f.waiver.reason}${f.waiver.approver ? `, approver ${f.waiver.approver}` : ''}${f.waiver.expires ? `, expires ${f.waiver.expires}` : ''})`);
    some('waiver expired', b.waiverExpired ?? [], (f) => `(waiver ${f.cause}: ${f.waiver.reason})`);
    return lines;
  },
};

interface RuleGroup {
  rule: string;
  severity: Severity;
  /** Failing objects, `Kind/ns/name`, in report order. */
  failing: Set<string>;
  waived: number;
}

function objectKey(r: RuleResult): string {
  return refString(r.object);
}

/**
 * The failing objects under a rule: the first few that fit the line (at most OBJECTS_PER_RULE),
 * then how many more; with --details every object, one per line.
 */
function objectLines(g: RuleGroup, opts: TableOptions | undefined, style: Style, indent: string): string[] {
  const names = [...g.failing];
  if (opts?.details) return names.map((n) => style('dim', `${indent}${n}`));
  const width = opts?.width ?? 80;
  const shown: string[] = [];
  for (const n of names.slice(0, OBJECTS_PER_RULE)) {
    const rest = names.length - shown.length - 1;
    const line = `${indent}${[...shown, n].join(', ')}${rest > 0 ? `, +${rest} more` : ''}`;
    if (shown.length > 0 && line.length > width) break;
    shown.push(n);
  }
  const more = names.length - shown.length;
  return [style('dim', `${indent}${shown.join(', ')}${more > 0 ? `, +${more} more` : ''}`)];
}

const failingRules: TableSection = {
  name: 'failing-rules',
  render(result, style, opts) {
    const groups = new Map<string, RuleGroup>();
    for (const r of result.results) {
      if (r.status !== 'fail' && r.status !== 'waived') continue;
      let g = groups.get(r.rule);
      if (!g) groups.set(r.rule, (g = { rule: r.rule, severity: r.severity, failing: new Set(), waived: 0 }));
      if (r.status === 'fail') g.failing.add(objectKey(r));
      else g.waived++;
    }
    const list = [...groups.values()]
      .filter((g) => g.failing.size > 0)
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.failing.size - a.failing.size || a.rule.localeCompare(b.rule));
    if (list.length === 0) return [heading('FAILING RULES', style), `  ${style('green', 'none')}`];
    const titles = new Map(result.rules.map((d) => [d.id, d.title]));
    // Narrow first columns, then the rule and its title (cut to the width); the failing objects below.
    const waived = list.some((g) => g.waived > 0);
    const rows = [
      ['SEVERITY', 'FAILING', ...(waived ? ['WAIVED'] : []), 'RULE · TITLE'].map((h) => style('dim', h)),
      ...list.map((g) => [
        severityLabel(g.severity, style, 0),
        String(g.failing.size),
        ...(waived ? [g.waived ? String(g.waived) : ''] : []),
        `${style('bold', g.rule)}  ${style('dim', titles.get(g.rule) ?? '')}`,
      ]),
    ];
    const [head, ...lines] = columns(rows, waived ? [1, 2] : [1]).map((l) => `  ${l}`);
    const indent = ' '.repeat(4);
    const width = opts?.width ?? 80;
    return [heading(`FAILING RULES (${list.length}, worst first)`, style), head ?? '', ...lines.flatMap((l, i) => [fitLine(l, width), ...objectLines(list[i]!, opts, style, indent)])];
  },
};

const WORST_NAMESPACES = 10;

const worstNamespaces: TableSection = {
  name: 'worst-namespaces',
  render(result, style) {
    const failsByNs = new Map<string, Record<Severity, number>>();
    for (const r of result.results) {
      const ns = resultNamespace(r);
      if (r.status !== 'fail' || !ns) continue;
      let m = failsByNs.get(ns);
      if (!m) failsByNs.set(ns, (m = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }));
      m[r.severity]++;
    }
    // Worst = most severity-weighted failures: a namespace with one low finding and nothing else
    // scores 0 but matters less than one with critical findings among many passes.
    const weighted = (ns: string): number => {
      const f = failsByNs.get(ns);
      return f ? SEVERITIES.reduce((sum, sev) => sum + SEVERITY_WEIGHT[sev] * f[sev], 0) : 0;
    };
    const list = result.summary.byNamespace
      .filter((n) => n.counts.fail > 0)
      .sort((a, b) => weighted(b.name) - weighted(a.name) || (a.score ?? 101) - (b.score ?? 101) || a.name.localeCompare(b.name))
      .slice(0, WORST_NAMESPACES);
    if (list.length === 0) return [];
    const rows = [
      ['NAMESPACE', 'TENANT', 'SCORE', 'FAILURES', 'CRIT', 'HIGH', 'MED', 'LOW'].map((h) => style('dim', h)),
      ...list.map((n) => {
        const f = failsByNs.get(n.name) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
        return [n.name, n.tenant ?? '-', scoreText(n.score, style), String(n.counts.fail), String(f.critical), String(f.high), String(f.medium), String(f.low)];
      }),
    ];
    const more = result.summary.byNamespace.filter((n) => n.counts.fail > 0).length - list.length;
    return [
      heading('WORST NAMESPACES (most severe failures first)', style),
      ...columns(rows, [2, 3, 4, 5, 6, 7]).map((l) => `  ${l}`),
      ...(more > 0 ? [style('dim', `  … and ${more} more namespaces with failures`)] : []),
    ];
  },
};

const NOT_EVALUATED_ROWS = 10;

const notEvaluated: TableSection = {
  name: 'not-evaluated',
  render(result, style) {
    const byRule = new Map<string, { status: string; count: number; message: string }>();
    for (const r of result.results) {
      if (r.status !== 'unknown' && r.status !== 'error') continue;
      const key = `${r.rule}\u0000${r.status}`;
      const g = byRule.get(key);
      if (g) g.count++;
      else byRule.set(key, { status: r.status, count: 1, message: r.message });
    }
    if (byRule.size === 0) return [];
    const list = [...byRule.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    const rows = list.slice(0, NOT_EVALUATED_ROWS).map(([key, g]) => [
      style(g.status === 'error' ? 'red' : 'yellow', g.status),
      key.split('\u0000')[0]!,
      String(g.count),
      g.message,
    ]);
    return [
      heading('NOT EVALUATED (unknown is never counted as pass)', style),
      ...columns(rows, [2]).map((l) => `  ${l}`),
      ...(list.length > NOT_EVALUATED_ROWS ? [style('dim', `  … and ${list.length - NOT_EVALUATED_ROWS} more rules`)] : []),
    ];
  },
};

const ERROR_LINES = 20;

const inventory: TableSection = {
  name: 'inventory',
  render(result, style) {
    const lines: string[] = [];
    const { errors, gaps } = result;
    const unrecognized = result.summary.objects.unrecognized;
    if (errors.length > 0) {
      lines.push(`  ${style('yellow', `${errors.length} input error(s):`)}`);
      for (const e of errors.slice(0, ERROR_LINES)) lines.push(`    ${e.message}`);
      if (errors.length > ERROR_LINES) lines.push(style('dim', `    … and ${errors.length - ERROR_LINES} more (see the json report)`));
    }
    if (gaps.length > 0) {
      lines.push(`  ${style('yellow', `${gaps.length} kind(s) could not be read; rules that need them are unknown:`)}`);
      for (const g of gaps) lines.push(`    ${g.kind} (${g.code}): ${g.reason}`);
    }
    const skipped = result.skipped ?? [];
    if (skipped.length > 0) {
      lines.push(`  ${skipped.length} file(s) skipped, not Kubernetes manifests (not an error):`);
      for (const e of skipped.slice(0, ERROR_LINES)) lines.push(`    ${e.message.replace(/, not a Kubernetes manifest \(no document has apiVersion, kind and metadata\)/, '')}`);
      if (skipped.length > ERROR_LINES) lines.push(style('dim', `    … and ${skipped.length - ERROR_LINES} more (see the json report)`));
    }
    if (unrecognized.total > 0) {
      const kinds = Object.entries(unrecognized.byKind)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([k, n]) => `${k} ${n}`);
      lines.push(`  ${unrecognized.total} object(s) of kinds no rule checks (counted, not evaluated): ${kinds.join(', ')}`);
    }
    return lines.length > 0 ? [heading('INVENTORY', style), ...lines] : [];
  },
};

/** Tenant scores by dimension and the tenant × tenant matrix (src/scoring/tenants.ts). */
const tenantMatrix: TableSection = {
  name: 'tenants',
  render: (result, style) => renderTenantLines(result.tenants, result.crossTenantAccess, style, result.summary.byTenant),
};

/** Sections in print order. Append new sections here (before `inventory`, which closes the report). */

export const TABLE_SECTIONS: TableSection[] = [header, summary, baselineSection, failingRules, tenantMatrix, worstNamespaces, notEvaluated, inventory];

/** The first thing a person reads: summary, failing rules with object counts, worst namespaces, problems. */
export function renderTable(result: ScanResult, opts: TableOptions, sections: readonly TableSection[] = TABLE_SECTIONS): string {
  const style = makeStyle(opts.color);
  const width = opts.width ?? 80;
  const blocks = sections.map((s) => s.render(result, style, opts)).filter((lines) => lines.length > 0);
  return blocks.map((lines) => lines.flatMap((l) => wrapLine(l, width)).join('\n')).join('\n\n') + '\n';
}
