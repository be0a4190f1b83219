/** The report's only stylesheet and script, inlined into the page (no network fetch, ever). */

export const CSS = `
:root { --fg:#1f2933; --muted:#616e7c; --line:#d9dee3; --bg:#f7f8fa; --card:#fff;
  --critical:#8e0000; --high:#c62828; --medium:#b7791f; --low:#2b6cb0; --info:#616e7c;
  --pass:#2e7d32; --fail:#c62828; --waived:#6b46c1; --unknown:#b7791f; --error:#8e0000; --na:#9aa3ad; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif; color:var(--fg); background:var(--bg); }
header.top { background:#102a43; color:#fff; padding:18px 28px; }
header.top h1 { margin:0 0 4px; font-size:22px; }
header.top .sub { color:#bcccdc; font-size:13px; word-break:break-all; }
nav.toc { padding:8px 28px; background:#fff; border-bottom:1px solid var(--line); font-size:13px; }
nav.toc a { margin-right:16px; color:#2b6cb0; text-decoration:none; }
main { padding:0 28px 40px; max-width:1400px; }
section.report-section { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:16px 20px; margin-top:18px; }
h2 { margin:0 0 12px; font-size:18px; }
h3 { margin:14px 0 6px; font-size:15px; }
.muted { color:var(--muted); }
.note { background:#fffbea; border:1px solid #f0d98c; padding:8px 12px; border-radius:4px; }
.cards { display:flex; flex-wrap:wrap; gap:12px; align-items:center; }
.card { border:1px solid var(--line); border-radius:6px; padding:10px 14px; min-width:110px; background:#fff; }
.card .num { font-size:24px; font-weight:700; }
.card .lbl { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
.card.fail .num { color:var(--fail); } .card.pass .num { color:var(--pass); } .card.waived .num { color:var(--waived); }
.card.unknown .num { color:var(--unknown); } .card.error .num { color:var(--error); }
.summary-grid { display:grid; grid-template-columns: 160px 1fr 380px; gap:20px; align-items:start; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { border-bottom:1px solid var(--line); padding:5px 8px; text-align:left; vertical-align:top; }
th { background:#f0f4f8; font-weight:600; }
td.num, th.num { text-align:right; }
code, .mono { font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace; font-size:12px; word-break:break-all; }
.badge { display:inline-block; padding:1px 7px; border-radius:10px; font-size:11px; font-weight:600; color:#fff; white-space:nowrap; }
.sev-critical { background:var(--critical); } .sev-high { background:var(--high); } .sev-medium { background:var(--medium); }
.sev-low { background:var(--low); } .sev-info { background:var(--info); }
.st-pass { background:var(--pass); } .st-fail { background:var(--fail); } .st-waived { background:var(--waived); }
.st-unknown { background:var(--unknown); } .st-error { background:var(--error); } .st-not-applicable, .st-not-evaluated, .st-manual { background:var(--na); }
.bl-new { background:#d53f8c; } .bl-unchanged { background:#718096; } .bl-fixed { background:var(--pass); }
.filters { position:sticky; top:0; z-index:5; background:#fff; border:1px solid var(--line); border-radius:6px; padding:8px 12px; display:flex; gap:12px; flex-wrap:wrap; align-items:center; margin-bottom:10px; }
.filters label { font-size:12px; color:var(--muted); }
.filters select, .filters input { font:inherit; padding:3px 6px; }
.filters input[type=search] { min-width:260px; }
.rule-group { border-top:2px solid var(--line); padding-top:8px; margin-top:12px; break-inside:auto;
  /* Large reports: off-screen groups are not laid out until scrolled to (printing lays out everything). */
  content-visibility:auto; contain-intrinsic-size:auto 800px; }
.rule-group table { table-layout:fixed; }
.rule-group h3 .id { font-family:ui-monospace,monospace; font-weight:600; }
.rule-meta { font-size:13px; margin:4px 0 8px; }
.rule-meta div { margin:2px 0; }
.evidence { margin:0; padding-left:16px; }
.evidence li { margin:1px 0; }
.actual { color:var(--fail); } .expected { color:var(--pass); }
.hidden { display:none !important; }
.matrix td { text-align:center; min-width:48px; }
.matrix td.cross { background:#fde8e8; color:var(--fail); font-weight:600; }
.matrix td.self { background:#f0f4f8; color:var(--muted); }
.empty { color:var(--muted); font-style:italic; }
td.nowrap, td.nowrap code { white-space:nowrap; word-break:normal; }
table.controls { table-layout:fixed; }
table.controls td { overflow-wrap:anywhere; }
td.rules code { word-break:normal; overflow-wrap:anywhere; }
.evidence li { overflow-wrap:anywhere; }
table.controls td.counts { font-size:12px; }
table.controls td.rules a { margin-right:6px; }
a code { color:#2b6cb0; }
details > summary { cursor:pointer; color:#2b6cb0; font-size:12px; }
details.ev, details.rights, details.about { margin-top:2px; }
.xref { color:var(--muted); font-size:12px; }
.print-only { display:none; }
.graph-wrap { display:flex; flex-wrap:wrap; gap:20px; align-items:flex-start; }
figure.tenant-graph { margin:0; max-width:100%; }
figure.tenant-graph svg { max-width:100%; height:auto; }
figure.tenant-graph figcaption { font-size:12px; color:var(--muted); max-width:440px; }
table.edges { width:auto; }
.dim-charts { display:flex; flex-wrap:wrap; gap:18px; }
.paths h4 { margin:8px 0 2px; font-size:13px; }
table.access td { overflow-wrap:anywhere; }
.vc-read { background:#2b6cb0; } .vc-write { background:#b7791f; } .vc-escalate { background:#8e0000; } .vc-exec { background:#6b46c1; }
@media print {
  .print-only { display:block; }
  details > summary { color:#333; }
  /* --html-appendix full: collapsed evidence is printed (Chromium's ::details-content); otherwise it stays collapsed. */
  body.appendix-full details::details-content { content-visibility:visible; display:block; }
  body.appendix-none details.ev, body.appendix-none details.about, body.appendix-none details.rights { display:none; }
  .rule-group h3 { font-size:12px; margin:8px 0 2px; }
  .rule-meta { margin:2px 0 4px; font-size:10px; }
  th, td { padding:2px 6px; }
  table { font-size:10px; }
  code, .mono { font-size:9.5px; }
  .rule-group { border-top-width:1px; padding-top:2px; margin-top:6px; }
  figure.tenant-graph, .dim-charts svg, table.edges { break-inside:avoid; page-break-inside:avoid; }
  @page { size: A4; margin: 14mm 12mm; }
  body { background:#fff; font-size:11px; }
  nav.toc, .filters, .no-print { display:none !important; }
  header.top { background:#fff; color:#000; border-bottom:2px solid #000; padding:0 0 6px; }
  header.top .sub { color:#333; }
  main { padding:0; max-width:none; }
  section.report-section { border:none; padding:0; margin:0; break-before:page; page-break-before:always; }
  .rule-group { content-visibility:visible; }
  section.report-section.first { break-before:auto; page-break-before:auto; }
  tr, .card, .rule-meta { break-inside:avoid; page-break-inside:avoid; }
  .rule-group h3 { break-after:avoid; page-break-after:avoid; }
  .badge, .matrix td.cross, th { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  .summary-grid { grid-template-columns: 150px 1fr; }
  .summary-grid .chart { grid-column: 1 / -1; }
}
`;

/**
 * Filtering and search: rows carry data-severity/status/namespace; search matches the row's
 * text; a rule group hides when none of its rows is visible.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var sev = document.getElementById('f-severity');
  var st = document.getElementById('f-status');
  var ns = document.getElementById('f-namespace');
  var q = document.getElementById('f-search');
  var shown = document.getElementById('f-count');
  if (!sev || !st || !ns || !q || !shown) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.result'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.rule-group'));
  var PROBLEMS = { fail: 1, waived: 1, unknown: 1, error: 1 };
  // Search text is the row's own text, read once on the first search (keeps the file small).
  var texts = null;
  function textOf(i) {
    if (texts === null) texts = rows.map(function (r) { return (r.textContent || '').toLowerCase(); });
    return texts[i];
  }
  function apply() {
    var s = sev.value, t = st.value, n = ns.value, text = q.value.trim().toLowerCase();
    var count = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], d = r.dataset;
      var ok = (s === '' || d.severity === s) &&
        (t === '' || (t === 'problems' ? PROBLEMS[d.status] === 1 : d.status === t)) &&
        (n === '' || d.namespace === n) &&
        (text === '' || textOf(i).indexOf(text) !== -1);
      r.classList.toggle('hidden', !ok);
      if (ok) count++;
    }
    for (var j = 0; j < groups.length; j++) {
      groups[j].classList.toggle('hidden', groups[j].querySelector('tr.result:not(.hidden)') === null);
    }
    shown.textContent = String(count);
  }
  sev.addEventListener('change', apply);
  st.addEventListener('change', apply);
  ns.addEventListener('change', apply);
  q.addEventListener('input', apply);
  // No apply() on load: the page is rendered in the default filter state.
})();
`;
