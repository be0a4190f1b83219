import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, renderCsv } from '../../src/report/csv.js';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { SAMPLE_RESULTS, sampleResult, XSS_NAME } from '../fixtures/reports/sample.js';

function rows(text: string): Record<string, string>[] {
  // strict RFC 4180: CRLF records, quotes only where a field is quoted, equal column counts
  return parse(text, { columns: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as Record<string, string>[];
}

describe('CSV', () => {
  it('has the documented header and one row per result, parsed back by a strict RFC 4180 parser', () => {
    const text = renderCsv(sampleResult());
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const rs = rows(text);
    expect(rs).toHaveLength(SAMPLE_RESULTS.length);
    const db = rs.find((r) => r['name'] === 'db' && r['rule'] === 'pss/run-as-non-root')!;
    expect(db['message']).toBe('Container "db" may run as root, with a comma, a "quote"\nand a newline');
    expect(db['evidence']).toBe('spec.template.spec.securityContext.runAsNonRoot: actual (not set), expected true');
    expect(db).toMatchObject({ severity: 'high', status: 'fail', kind: 'Deployment', namespace: 'team-b', tenant: 'beta', file: 'manifests/team-b/db.yaml', line: '30' });
    const legacy = rs.find((r) => r['name'] === 'legacy')!;
    expect(legacy).toMatchObject({ status: 'waived', waiver_reason: 'vendor image, fix in Q3', waiver_approver: 'ciso@example.com', waiver_ticket: 'SEC-42', waiver_expires: '2099-01-01', waiver_source: 'config' });
    expect(rs.find((r) => r['name'] === XSS_NAME)?.['references']).toBe('CIS 1.12 §5.2.2, PSS baseline/privileged');
  });

  it('defuses spreadsheet formulas and fills the baseline column', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    const prev = sampleResult({ results: SAMPLE_RESULTS.filter((r) => r.rule !== 'rbac/wildcard-verbs') });
    const cur = sampleResult();
    const rs = rows(renderCsv({ ...cur, baseline: compareWithBaseline(cur, prev) }));
    const evil = rs.find((r) => r['rule'] === 'rbac/wildcard-verbs')!;
    expect(evil['name']).toBe(`'=HYPERLINK("http://evil")`);
    expect(evil['baseline']).toBe('new');
    expect(rs.find((r) => r['name'] === 'db' && r['status'] === 'fail')?.['baseline']).toBe('unchanged');
    expect(rs.find((r) => r['status'] === 'pass')?.['baseline']).toBe('');
  });
});
