import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import * as jsyaml from 'js-yaml';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../src/model/result.js';
import { OPEN_REPORTS_API_VERSION, renderOpenReports, toOpenReports } from '../../src/report/openreports.js';
import { CLUSTER_REPORT_NAME, REPORT_NAME, toPolicyReports, TRUNCATED_ANNOTATION } from '../../src/report/policyreport.js';
import { SAMPLE_RESULTS, sampleResult } from '../fixtures/reports/sample.js';

/** The openAPI v3 schema of the vendored OpenReports CRD (server-side: test/integration/policyreport.test.ts). */
function crdValidator(file: string) {
  const crd = parse(readFileSync(join(import.meta.dirname, '../../docs/schemas/openreports', file), 'utf8')) as {
    spec: { group: string; versions: { name: string; schema: { openAPIV3Schema: object } }[] };
  };
  expect(crd.spec.group).toBe('openreports.io');
  const v = crd.spec.versions.find((x) => x.name === 'v1alpha1');
  expect(v).toBeDefined();
  // strict: false for the Kubernetes extensions (x-kubernetes-*); additionalProperties is enforced below.
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  return ajv.compile(v!.schema.openAPIV3Schema);
}
const validateNs = crdValidator('openreports.io_reports.yaml');
const validateCluster = crdValidator('openreports.io_clusterreports.yaml');

/** Every key of `value` is a property the schema declares (the API server prunes or, strict, rejects unknown fields). */
function unknownFields(value: unknown, schema: Record<string, unknown>, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownFields(v, (schema['items'] ?? {}) as Record<string, unknown>, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const props = schema['properties'] as Record<string, Record<string, unknown>> | undefined;
  const extra = schema['additionalProperties'] as Record<string, unknown> | undefined;
  if (path === '.metadata' || (!props && !extra)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const s = props?.[k] ?? extra;
    return s ? unknownFields(v, s, `${path}.${k}`) : [`${path}.${k}`];
  });
}
const SCHEMA = (parse(readFileSync(join(import.meta.dirname, '../../docs/schemas/openreports/openreports.io_reports.yaml'), 'utf8')) as {
  spec: { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] };
}).spec.versions[0]!.schema.openAPIV3Schema;

describe('OpenReports', () => {
  it('emits one Report per namespace and one ClusterReport, valid against the vendored CRD schema, no unknown field', () => {
    const yaml = renderOpenReports(sampleResult());
    const docs = parseAllDocuments(yaml).map((d) => d.toJS() as { apiVersion: string; kind: string; source: string; metadata: { name: string; namespace?: string } });
    expect(docs.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.namespace ?? '-'} ${d.metadata.name}`)).toEqual([
      `${OPEN_REPORTS_API_VERSION} ClusterReport - ${CLUSTER_REPORT_NAME}`,
      `${OPEN_REPORTS_API_VERSION} Report team-a ${REPORT_NAME}`,
      `${OPEN_REPORTS_API_VERSION} Report team-b ${REPORT_NAME}`,
    ]);
    for (const d of docs) {
      const validate = d.kind === 'Report' ? validateNs : validateCluster;
      expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
      expect(unknownFields(d, SCHEMA)).toEqual([]);
      expect(d.source).toBe('palisade');
    }
    expect(validateNs({ apiVersion: OPEN_REPORTS_API_VERSION, kind: 'Report', results: [{ policy: 'x', result: 'bogus' }] })).toBe(false);
    expect(unknownFields({ summary: { pass: 1, bogus: 2 } }, SCHEMA)).toEqual(['.summary.bogus']);
  });

  it('carries the PolicyReport content: same summaries, results and annotations; the cap is stated in configuration.limits', () => {
    const many: RuleResult[] = [];
    for (let i = 0; i < 12; i++) many.push({ ...SAMPLE_RESULTS[1]!, object: { ...SAMPLE_RESULTS[1]!.object, name: `ok-${i}` } });
    const result = sampleResult({ results: [...SAMPLE_RESULTS, ...many] });
    const open = toOpenReports(result, { maxResults: 4 });
    const polr = toPolicyReports(result, { maxResults: 4 });
    expect(open.map((r) => r.summary)).toEqual(polr.map((r) => r.summary));
    expect(open.map((r) => r.results)).toEqual(polr.map((r) => r.results));
    expect(open.every((r) => r.configuration.limits.maxResults === 4)).toBe(true);
    const teamB = open.find((r) => r.metadata.namespace === 'team-b')!;
    expect(teamB.results).toHaveLength(4);
    expect(Number(teamB.metadata.annotations[TRUNCATED_ANNOTATION])).toBe(teamB.summary.pass + teamB.summary.fail + teamB.summary.error + teamB.summary.skip - 4);
    expect(validateNs(teamB), JSON.stringify(validateNs.errors)).toBe(true);
  });

  it('the YAML reads back identically with yaml (1.1 and 1.2) and js-yaml', () => {
    const hostile: RuleResult = { ...SAMPLE_RESULTS[2]!, message: 'tab\there, bell\u0007, nel\u0085, ls\u2028end', object: { ...SAMPLE_RESULTS[2]!.object, name: 'on' } };
    const result = sampleResult({ results: [hostile] });
    const text = renderOpenReports(result);
    const expected = toOpenReports(result);
    const docs11 = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS() as unknown);
    const docs12 = parseAllDocuments(text).map((d) => d.toJS() as unknown);
    expect(docs11).toEqual(expected);
    expect(docs12).toEqual(expected);
    expect(jsyaml.loadAll(text)).toEqual(expected);
  });

  it('says so when there are no results', () => {
    expect(renderOpenReports(sampleResult({ results: [] }))).toBe('# no results: no OpenReports Report\n');
  });
});

describe('--write-openreports', () => {
  it('needs a live scan: offline it is a usage error (exit 2) pointing to --format openreports', async () => {
    const { runCli } = await import('../helpers/cli.ts');
    const r = await runCli(['scan', '--from', join(import.meta.dirname, '../../examples/demo-cluster/tenant-acme'), '--write-openreports']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--write-openreports needs a live scan (no --from / --snapshot); use --format openreports for YAML');
  });
});
