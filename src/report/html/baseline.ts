/**
 * The HTML block "against the baseline": score trend, the five states as cards (new, fixed,
 * unchanged, newly waived, waiver expired; plus "no longer evaluated" when any), and tables of the
 * findings whose state an auditor must see: fixed, newly waived (with the waiver's reason,
 * approver and expiry), waiver expired or removed. A waived finding is never shown as fixed.
 */
import { refString } from '../../model/k8s.js';
import type { Severity, Waiver } from '../../model/result.js';
import { baselineCountsText } from '../baseline.js';
import { scoreText } from '../common.js';
import type { ScanResult } from '../model.js';
import { esc } from './escape.js';

const card = (cls: string, metric: string, value: number, label: string): string =>
  `<div class="card ${cls}"><div class="num" data-metric="${esc(metric)}">${esc(value)}</div><div class="lbl">${esc(label)}</div></div>`;
const sev = (s: Severity): string => `<span class="badge sev-${esc(s)}">${esc(s)}</span>`;

function waiverText(w: Waiver): string {
  return [w.reason, w.approver ? `approver ${w.approver}` : '', w.ticket ? `ticket ${w.ticket}` : '', `expires ${w.expires ?? 'never'}`].filter((p) => p !== '').join('; ');
}

function table(state: string, head: readonly string[], rows: readonly string[][]): string {
  return (
    `<table data-baseline-list="${esc(state)}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((cells) => `<tr data-baseline-state="${esc(state)}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') +
    `</tbody></table>`
  );
}

const code = (s: string): string => `<code>${esc(s)}</code>`;

/** The trend and state block of the summary section (`data-baseline="none"` without a baseline). */
export function baselineBlock(result: ScanResult): string {
  const b = result.baseline;
  if (!b) return `<h3>Trend</h3><p class="muted" data-baseline="none">No baseline given (<code>--baseline previous.json</code>): trend not evaluated.</p>`;
  const c = b.counts;
  const before = b.against.score;
  const now = result.summary.score;
  const delta = before !== null && now !== null ? Math.round((now - before) * 10) / 10 : null;
  const arrow = delta === null ? '' : delta > 0 ? '▲ +' : delta < 0 ? '▼ ' : '= ';
  const cards =
    card('fail', 'baseline-new', c.new, 'new findings') +
    card('pass', 'baseline-fixed', c.fixed, 'fixed') +
    card('', 'baseline-unchanged', c.unchanged, 'unchanged') +
    card('waived', 'baseline-newly-waived', c.newlyWaived ?? 0, 'newly waived') +
    card('fail', 'baseline-waiver-expired', c.waiverExpired ?? 0, 'waiver expired') +
    ((c.notEvaluated ?? 0) > 0 ? card('unknown', 'baseline-not-evaluated', c.notEvaluated, 'no longer evaluated') : '');
  const fixed = b.fixed.length
    ? `<h3>Fixed since the baseline</h3>` +
      table(
        'fixed',
        ['severity', 'rule', 'object', 'was', 'now'],
        b.fixed.map((f) => [sev(f.severity), code(f.rule), code(refString(f.object)), `${esc(f.before ?? 'fail')}: ${esc(f.message)}`, esc(f.now ?? 'not failing')]),
      )
    : '';
  const waived = (b.newlyWaived ?? []).length
    ? `<h3>Newly waived since the baseline</h3><p class="muted">Still failing, now excused by a waiver: not fixed.</p>` +
      table(
        'newly-waived',
        ['severity', 'rule', 'object', 'finding', 'waiver', 'before'],
        b.newlyWaived.map((f) => [sev(f.severity), code(f.rule), code(refString(f.object)), esc(f.message), esc(waiverText(f.waiver)), esc(f.before === 'fail' ? 'failing' : 'no finding')]),
      )
    : '';
  const expired = (b.waiverExpired ?? []).length
    ? `<h3>Waiver expired or removed since the baseline</h3>` +
      table(
        'waiver-expired',
        ['severity', 'rule', 'object', 'finding', 'baseline waiver', 'cause'],
        b.waiverExpired.map((f) => [sev(f.severity), code(f.rule), code(refString(f.object)), esc(f.message), esc(waiverText(f.waiver)), esc(f.cause)]),
      )
    : '';
  const notEvaluated = (b.notEvaluated ?? []).length
    ? `<h3>No longer evaluated</h3><p class="muted">Findings of the baseline this scan could not judge (unknown is never pass).</p>` +
      table(
        'not-evaluated',
        ['severity', 'rule', 'object', 'was', 'now'],
        b.notEvaluated.map((f) => [sev(f.severity), code(f.rule), code(refString(f.object)), `${esc(f.before)}: ${esc(f.message)}`, esc(f.now)]),
      )
    : '';
  return (
    `<h3>Trend against the baseline</h3><p>Baseline: scan of <code>${esc(b.against.location)}</code> at ${esc(b.against.startedAt)}, score ${esc(scoreText(before))}` +
    ` → now ${esc(scoreText(now))}${delta === null ? '' : ` (<strong>${esc(arrow + String(delta))}</strong>)`}.</p>` +
    `<p class="muted" data-baseline="counts">${esc(baselineCountsText(c))}.</p>` +
    `<div class="cards">${cards}</div>${fixed}${waived}${expired}${notEvaluated}`
  );
}
