/**
 * The auditor and CI formats, listed in the format registry (src/report/formats.ts). All of
 * them are deterministic functions of the ScanResult (timestamps and identifiers come from the
 * result), so `palisade report --from-result scan.json` reproduces the scan-time files byte for byte.
 */
import { renderCsv } from './csv.js';
import type { OutputFormat } from './formats.js';
import { renderHtml } from './html/render.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOscal } from './oscal.js';
import { renderPolicyReports } from './policyreport.js';
import { renderSarif } from './sarif.js';

export const AUDITOR_FORMATS: readonly OutputFormat[] = [
  { name: 'html', extension: 'html', description: 'Self-contained HTML report for auditors (printable)', render: (r) => renderHtml(r) },
  { name: 'sarif', extension: 'sarif', description: 'SARIF 2.1.0 for code scanning', render: (r) => renderSarif(r) },
  { name: 'junit', extension: 'junit.xml', description: 'JUnit XML: one test case per rule × object', render: (r) => renderJunit(r) },
  { name: 'csv', extension: 'csv', description: 'CSV: one row per result (columns in docs/reports.md)', render: (r) => renderCsv(r) },
  { name: 'md', extension: 'md', description: 'Markdown summary for a pull-request comment', render: (r) => renderMarkdown(r) },
  { name: 'oscal', extension: 'oscal.json', description: 'OSCAL 1.1.2 assessment-results JSON', render: (r) => renderOscal(r) },
  {
    name: 'policyreport',
    extension: 'policyreport.yaml',
    description: 'wgpolicyk8s.io/v1alpha2 PolicyReports per namespace + ClusterPolicyReport (YAML)',
    render: (r) => renderPolicyReports(r),
  },
];
