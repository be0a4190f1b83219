import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import * as jsyaml from 'js-yaml';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../src/model/result.js';
import { CLUSTER_REPORT_NAME, DEFAULT_MAX_BYTES, REPORT_NAME, renderPolicyReports, toPolicyReports, TRUNCATED_ANNOTATION } from '../../src/report/policyreport.js';
import { SAMPLE_RESULTS, sampleResult, XSS_NAME } from '../fixtures/reports/sample.js';

/** The openAPI v3 schema of the vendored CRD (server-side validation is in test/integration/policyreport.test.ts). */
function crdValidator(file: string) {
  const crd = parse(readFileSync(join(import.meta.dirname, '../../docs/schemas/policyreport', file), 'utf8')) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] };
  };
  const v = crd.spec.versions.find((x) => x.name === 'v1alpha2');
  expect(v).toBeDefined();
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  return ajv.compile(v!.schema.openAPIV3Schema);
}
const validateNs = crdValidator('wgpolicyk8s.io_policyreports.yaml');
const validateCluster = crdValidator('wgpolicyk8s.io_clusterpolicyreports.yaml');

describe('PolicyReport', () => {
  it('emits one PolicyReport per namespace and one ClusterPolicyReport, valid against the CRD schema', () => {
    const yaml = renderPolicyReports(sampleResult());
    const docs = parseAllDocuments(yaml).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string } });
    expect(docs.map((d) => `${d.kind} ${d.metadata.namespace ?? '-'} ${d.metadata.name}`)).toEqual([
      `ClusterPolicyReport - ${CLUSTER_REPORT_NAME}`,
      `PolicyReport team-a ${REPORT_NAME}`,
      `PolicyReport team-b ${REPORT_NAME}`,
    ]);
    for (const d of docs) {
      const validate = d.kind === 'PolicyReport' ? validateNs : validateCluster;
      expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validateNs({ apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', results: [{ policy: 'x', result: 'bogus' }] })).toBe(false);
  });

  it('maps statuses and keeps evidence, references and waiver in properties', () => {
    const [cluster, teamA, teamB] = toPolicyReports(sampleResult());
    expect(teamA!.summary).toEqual({ pass: 0, fail: 1, warn: 0, error: 0, skip: 2 });
    expect(teamB!.summary).toEqual({ pass: 1, fail: 1, warn: 0, error: 1, skip: 1 });
    expect(cluster!.summary).toEqual({ pass: 0, fail: 2, warn: 0, error: 1, skip: 0 });
    const priv = teamA!.results.find((r) => r.policy === 'pss/privileged')!;
    expect(priv).toMatchObject({ source: 'palisade', rule: 'privileged', severity: 'critical', result: 'fail', scored: true });
    expect(priv.resources).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: XSS_NAME, namespace: 'team-a' }]);
    expect(priv.properties).toMatchObject({
      status: 'fail',
      evidence: 'spec.template.spec.containers[0].securityContext.privileged: actual true, expected unset or false',
      references: 'CIS 1.12 §5.2.2, PSS baseline/privileged',
    });
    const waived = teamA!.results.find((r) => r.resources[0]?.name === 'legacy')!;
    expect(waived).toMatchObject({ result: 'skip', scored: false });
    expect(waived.properties['waiver']).toContain('ticket: SEC-42');
    expect(teamB!.results.find((r) => r.properties['status'] === 'unknown')?.result).toBe('error');
  });

  it('caps results per report but keeps the summary complete and the failures first', () => {
    const many: RuleResult[] = [];
    for (let i = 0; i < 30; i++) many.push({ ...SAMPLE_RESULTS[1]!, object: { ...SAMPLE_RESULTS[1]!.object, name: `ok-${i}` } });
    many.push({ ...SAMPLE_RESULTS[2]!, object: { ...SAMPLE_RESULTS[2]!.object, name: 'zz-bad' } });
    const [report] = toPolicyReports(sampleResult({ results: many }), { maxResults: 5 });
    expect(report!.results).toHaveLength(5);
    expect(report!.results[0]!.resources[0]!.name).toBe('zz-bad');
    expect(report!.summary).toEqual({ pass: 30, fail: 1, warn: 0, error: 0, skip: 0 });
    expect(report!.metadata.annotations[TRUNCATED_ANNOTATION]).toBe('26');
    expect(validateNs(report)).toBe(true);
  });

  it('bounds each report by bytes too, so a report of large results stays under the API server and etcd limits', () => {
    // 1,000 results of ~50 KB each (as tenancy/cross-tenant-network at 440 namespaces): 50 MB under the count cap alone.
    const big: RuleResult[] = [];
    for (let i = 0; i < 1000; i++) big.push({ ...SAMPLE_RESULTS[2]!, message: `peer namespaces: ${'tenant-x-ns-0001, '.repeat(2800)}`, object: { ...SAMPLE_RESULTS[2]!.object, name: `big-${String(i).padStart(4, '0')}` } });
    const result = sampleResult({ results: big });
    const [report] = toPolicyReports(result);
    const bytes = Buffer.byteLength(JSON.stringify(report));
    expect(bytes).toBeLessThanOrEqual(DEFAULT_MAX_BYTES + 2048);
    expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
    expect(report!.results.length).toBeGreaterThan(0);
    expect(report!.results.length + Number(report!.metadata.annotations[TRUNCATED_ANNOTATION])).toBe(1000);
    expect(report!.summary.fail + report!.summary.error + report!.summary.pass + report!.summary.skip).toBe(1000);
    // The first results in report order are the ones kept.
    expect(report!.results.map((r) => r.resources[0]!.name)).toEqual(toPolicyReports(result, { maxBytes: Infinity }).at(0)!.results.slice(0, report!.results.length).map((r) => r.resources[0]!.name));
    expect(validateNs(report)).toBe(true);

    // A result too large for the bytes left is skipped; a smaller one after it still goes in.
    const mixed = [{ ...big[0]!, object: { ...big[0]!.object, name: 'a-huge' } }, { ...SAMPLE_RESULTS[2]!, object: { ...SAMPLE_RESULTS[2]!.object, name: 'b-small' } }];
    const [capped] = toPolicyReports(sampleResult({ results: mixed }), { maxBytes: 10_000 });
    expect(capped!.results.map((r) => r.resources[0]!.name)).toEqual(['b-small']);
    expect(capped!.metadata.annotations[TRUNCATED_ANNOTATION]).toBe('1');
  });

  it('writes YAML every YAML 1.1/1.2 parser reads back unchanged: TAB and control characters escaped, 1.1 look-alikes quoted', () => {
    const tricky = ['tab\tinside', 'bell\u0007 esc\u001b del\u007f', 'nel\u0085 c1\u009b', 'ls\u2028ps\u2029bom\ufeff', 'cr\rlf\nend', 'plain text'];
    const names = ['on', 'y', 'no', '0777', '12', '1e3'];
    const results: RuleResult[] = tricky.map((message, i) => ({ ...SAMPLE_RESULTS[2]!, message, object: { ...SAMPLE_RESULTS[2]!.object, name: names[i]! } }));
    const result = sampleResult({ results });
    const text = renderPolicyReports(result);
    const expected = toPolicyReports(result);
    // No raw TAB and no character YAML 1.1 forbids or reads as a line break: only escapes.
    expect(text).not.toMatch(/[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/);
    expect(text).toContain('"tab\\tinside"');
    expect(parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS() as unknown)).toEqual(expected);
    expect(parseAllDocuments(text, { version: '1.2' }).map((d) => d.toJS() as unknown)).toEqual(expected);
    expect(jsyaml.loadAll(text)).toEqual(expected);
    for (const d of parseAllDocuments(text, { version: '1.1' })) expect(d.errors).toEqual([]);
  });

  it('writes plain YAML without anchors or aliases, which parsers with an alias limit accept at any size', () => {
    const many: RuleResult[] = [];
    for (let i = 0; i < 150; i++) many.push({ ...SAMPLE_RESULTS[1]!, object: { ...SAMPLE_RESULTS[1]!.object, name: `ok-${i}` } });
    const yaml = renderPolicyReports(sampleResult({ results: many }));
    expect(yaml).not.toMatch(/[&*]a\d/);
    // yaml's default limit is 100 alias uses per document: a shared timestamp would be 150.
    const [report] = parseAllDocuments(yaml).map((d) => d.toJS() as { results: { timestamp: unknown }[] });
    expect(report!.results).toHaveLength(150);
    expect(report!.results[149]!.timestamp).toEqual(report!.results[0]!.timestamp);
  });
});
