/**
 * The HTML "Integrity" section: the SHA-256 of the ScanResult the report was rendered from, the
 * Palisade version, and the effective configuration (enabled rules, waivers, tenants). How to
 * check the hash is said in the section itself (docs/reports.md "Verifying a report").
 */
import { configLines, integrityOf } from '../integrity.js';
import type { ScanResult } from '../model.js';
import { esc } from './escape.js';

export function integrityBlock(result: ScanResult): string {
  const i = integrityOf(result);
  const c = i.config;
  const rows: [string, string][] = [
    ['ScanResult SHA-256', `<code data-integrity="sha256">${esc(i.sha256)}</code>`],
    ['Palisade version', `<span data-integrity="version">${esc(i.scannerVersion)}</span>`],
    ['ScanResult schema', esc(result.schemaVersion)],
    ...configLines(c).map((l): [string, string] => [esc(l.slice(0, l.indexOf(':'))), esc(l.slice(l.indexOf(':') + 1).trim())]),
  ];
  const waivers = c?.waivers.length
    ? `<h3>Configured waivers (${esc(c.waivers.length)})</h3><table><thead><tr><th>rule</th><th>scope</th><th>reason</th><th>approver</th><th>ticket</th><th>expires</th><th class="num">results waived</th></tr></thead><tbody>${c.waivers
        .map(
          (w) =>
            `<tr data-config-waiver="${w.expired ? 'expired' : 'active'}"><td><code>${esc(w.rule)}</code></td><td>${esc([w.kind, w.namespace, w.name].filter((x) => x !== undefined).join('/') || 'everywhere')}</td><td>${esc(w.reason)}</td><td>${esc(w.approver ?? '—')}</td><td>${esc(w.ticket ?? '—')}</td><td>${esc(w.expires ?? 'never')}${w.expired ? ' (expired)' : ''}</td><td class="num">${esc(w.applied)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  const rules = c
    ? `<details><summary>Enabled rules (${esc(c.rules.enabled.length)})</summary><p class="mono">${c.rules.enabled.map(esc).join(', ')}</p></details>`
    : '';
  return (
    `<section class="report-section" id="integrity" data-section="integrity"><h2>Integrity</h2>` +
    `<table>${rows.map(([k, v]) => `<tr><th style="width:180px">${k}</th><td>${v}</td></tr>`).join('')}</table>` +
    `<p class="muted">The SHA-256 is that of the ScanResult JSON this report was rendered from: the file <code>palisade scan --format json</code> wrote, or the output of <code>palisade report --from-result FILE --format json</code>. Check it with <code>sha256sum palisade.json</code>.</p>` +
    waivers +
    rules +
    `</section>`
  );
}
