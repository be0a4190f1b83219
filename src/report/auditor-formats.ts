/**
 * The auditor and CI formats, listed in the format registry (src/report/formats.ts). All of
 * them are deterministic functions of the ScanResult (timestamps and identifiers come from the
 * result), so `palisade report --from-result scan.json` reproduces the scan-time files byte for byte.
 */
import { streamCsv } from './csv.js';
import type { OutputFormat } from './formats.js';
import { streamHtml } from './html/render.js';
import { streamJunit } from './junit.js';
import { streamMarkdown } from './markdown.js';
import { streamOpenReports } from './openreports.js';
import { streamOscal } from './oscal.js';
import { streamPolicyReports } from './policyreport.js';
import { findChromium, PdfError, streamPdf } from './pdf.js';
import { streamSarif } from './sarif.js';
import type { RenderOptions } from './formats.js';
import type { ScanResult } from './model.js';

/** The CLI resolves the browser before the scan (src/cli); a library caller may leave it to PATH. */
async function* pdf(result: ScanResult, o: RenderOptions): AsyncGenerator<Uint8Array> {
  let chromium = o.chromium;
  if (chromium === undefined) {
    const found = findChromium(undefined, process.env);
    if ('error' in found) throw new PdfError(found.error);
    chromium = found.path;
  }
  yield* streamPdf(result, { chromium, appendix: o.htmlAppendix });
}

export const AUDITOR_FORMATS: readonly OutputFormat[] = [
  { name: 'html', extension: 'html', description: 'Self-contained HTML report for auditors (printable)', render: (r, o) => streamHtml(r, { appendix: o.htmlAppendix }) },
  { name: 'pdf', extension: 'pdf', binary: true, description: 'The HTML report printed to PDF (A4) by a local Chromium or Chrome', render: pdf },
  { name: 'sarif', extension: 'sarif', description: 'SARIF 2.1.0 for code scanning', render: (r, o) => streamSarif(r, { docsBaseUrl: o.docsBaseUrl }) },
  { name: 'junit', extension: 'junit.xml', description: 'JUnit XML: one test case per rule × object', render: (r) => streamJunit(r) },
  { name: 'csv', extension: 'csv', description: 'CSV: one row per result (columns in docs/reports.md)', render: (r) => streamCsv(r) },
  { name: 'md', extension: 'md', description: 'Markdown summary for a pull-request comment', render: (r) => streamMarkdown(r) },
  { name: 'oscal', extension: 'oscal.json', description: 'OSCAL 1.1.2 assessment-results JSON', render: (r) => streamOscal(r) },
  {
    name: 'policyreport',
    extension: 'policyreport.yaml',
    description: 'wgpolicyk8s.io/v1alpha2 PolicyReports per namespace + ClusterPolicyReport (YAML)',
    render: (r) => streamPolicyReports(r),
  },
  {
    name: 'openreports',
    extension: 'openreports.yaml',
    description: 'openreports.io/v1alpha1 Reports per namespace + ClusterReport (YAML; Kyverno 1.15+, Policy Reporter)',
    render: (r) => streamOpenReports(r),
  },
];
