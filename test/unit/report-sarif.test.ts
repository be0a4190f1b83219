import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { renderSarif } from '../../src/report/sarif.js';
import { SAMPLE_RESULTS, sampleResult, XSS_NAME } from '../fixtures/reports/sample.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function sarifOf(r = sampleResult()): Sarif.Log {
  const log = JSON.parse(renderSarif(r)) as Sarif.Log;
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return log;
}

describe('SARIF 2.1.0', () => {
  it('validates against the official SARIF 2.1.0 schema and describes every rule', () => {
    const log = sarifOf();
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([...new Set(SAMPLE_RESULTS.map((r) => r.rule))].sort());
    const priv = rules.find((r) => r.id === 'pss/privileged')!;
    expect(priv.help?.text).toContain('Set securityContext.privileged to false.');
    expect(priv.properties?.['severity']).toBe('critical');
    expect(priv.properties?.['references']).toEqual([
      { framework: 'CIS', id: '1.12 §5.2.2' },
      { framework: 'PSS', id: 'baseline/privileged' },
    ]);
    // every result's ruleIndex points at its own rule
    for (const res of run.results ?? []) expect(rules[res.ruleIndex ?? -1]?.id).toBe(res.ruleId);
  });

  it('maps severity to level, unknown to kind open, waived to an accepted suppression, and leaves passes out', () => {
    const results = sarifOf().runs[0]!.results ?? [];
    const by = (name: string, rule: string) => results.filter((r) => r.ruleId === rule && r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName?.endsWith(`/${name}`));
    expect(by(XSS_NAME, 'pss/privileged')[0]).toMatchObject({ kind: 'fail', level: 'error' });
    expect(by('web', 'pss/privileged')).toHaveLength(0);
    expect(by('db', 'pss/run-as-non-root')[0]?.level).toBe('error');
    expect(by('web', 'workload/resource-limits')[0]).toMatchObject({ kind: 'open', level: 'none' });
    const waived = by('legacy', 'pss/run-as-non-root')[0]!;
    expect(waived.suppressions?.[0]).toMatchObject({ kind: 'external', status: 'accepted' });
    expect(waived.suppressions?.[0]?.justification).toContain('approver: ciso@example.com, ticket: SEC-42, expires: 2099-01-01');
    expect(results.find((r) => r.ruleId === 'rbac/wildcard-verbs')?.level).toBe('warning');
    expect(results.find((r) => r.ruleId === 'control-plane/anonymous-auth')?.level).toBe('note');
  });

  it('locates offline results in the manifest file and line, and every result by object reference', () => {
    const results = sarifOf().runs[0]!.results ?? [];
    const priv = results.find((r) => r.ruleId === 'pss/privileged')!;
    expect(priv.locations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'manifests/team-a/app.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } });
    expect(priv.locations?.[0]?.logicalLocations?.[0]).toEqual({ name: XSS_NAME, fullyQualifiedName: `Deployment/team-a/${XSS_NAME}`, kind: 'resource' });
    expect(priv.message.text).toContain('Evidence: spec.template.spec.containers[0].securityContext.privileged: actual true, expected unset or false');
    const live = results.find((r) => r.ruleId === 'rbac/wildcard-verbs')!;
    // no manifest: the object's k8s:// URI (GitHub needs a physical location on every result)
    expect(live.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('k8s://demo/ClusterRole/%3DHYPERLINK(%22http%3A%2F%2Fevil%22)');
    expect(live.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('ClusterRole/=HYPERLINK("http://evil")');
  });

  it('reports rule errors, input errors and unreadable kinds as tool notifications', () => {
    const inv = sarifOf().runs[0]!.invocations![0]!;
    expect(inv.executionSuccessful).toBe(false);
    const texts = (inv.toolExecutionNotifications ?? []).map((n) => n.message.text);
    expect(texts).toEqual([
      'manifests/broken.yaml:3: bad indentation (parse)',
      'LimitRange could not be read (forbidden): limitranges is forbidden; rules that need it report unknown',
      expect.stringContaining('rule tenancy/default-deny-ingress failed on Tenant/alpha'),
    ]);
  });

  it('marks baselineState new/unchanged and lists fixed findings as absent', () => {
    const previous = sampleResult({ results: SAMPLE_RESULTS.filter((r) => r.rule !== 'rbac/wildcard-verbs').concat([{ ...SAMPLE_RESULTS[0]!, object: { ...SAMPLE_RESULTS[0]!.object, name: 'gone' } }]) });
    const current = sampleResult();
    const results = sarifOf({ ...current, baseline: compareWithBaseline(current, previous) }).runs[0]!.results ?? [];
    expect(results.find((r) => r.ruleId === 'rbac/wildcard-verbs')?.baselineState).toBe('new');
    expect(results.find((r) => r.ruleId === 'pss/privileged' && r.kind === 'fail')?.baselineState).toBe('unchanged');
    const absent = results.filter((r) => r.baselineState === 'absent');
    expect(absent).toHaveLength(1);
    expect(absent[0]?.message.text).toContain('Deployment/team-a/gone');
  });

  it('the vendored schema is really enforced (a broken log is rejected)', () => {
    const log = JSON.parse(renderSarif(sampleResult())) as Record<string, unknown>;
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const runs = log['runs'] as { results: { level?: string }[] }[];
    runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('is valid for an empty scan', () => {
    const log = sarifOf(sampleResult({ results: [] }));
    expect(log.runs[0]?.results).toEqual([]);
  });
});
