import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseResult } from '../helpers/result-json.js';
import { scanResultOf, type ScanResultDocument } from '../../src/report/load.js';
import { ConfigError, loadCustomRuleChecks, parseConfigText } from '../../src/config/load.js';
import { RULES } from '../../src/rules/index.js';
import { runCli } from '../helpers/cli.js';
import { buildScanRegistry } from '../../src/metrics/scan-metrics.js';
import type { ScanResult } from '../../src/report/model.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/custom-rules');
const ruleIds = RULES.map((r) => r.meta.id);

// parseConfigText checks custom rules with the CEL and JSON Schema compilers, loaded on demand.
beforeAll(loadCustomRuleChecks);

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'palisade.yaml', { ruleIds });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return expect.fail('expected a ConfigError');
}

interface JsonResult {
  rule: string;
  status: string;
  object: { kind: string; name: string; namespace?: string };
  message: string;
}

describe('examples/custom-rules (the issue 19 example)', () => {
  it('palisade rules --config lists the custom rules', async () => {
    const out = await runCli(['rules', '--config', join(EXAMPLE, 'palisade.yaml'), '--format', 'json']);
    expect(out.stderr).toBe('');
    const rules = JSON.parse(out.stdout) as { id: string; severity: string; family: string }[];
    expect(rules.find((r) => r.id === 'custom/replicas-max')).toMatchObject({ severity: 'medium', family: 'custom' });
    expect(rules.find((r) => r.id === 'custom/team-label')).toMatchObject({ severity: 'low', family: 'custom' });
    expect(rules.length).toBe(RULES.length + 2);
  });

  it('a scan fails the over-replicated Deployment and the unlabelled Namespace, passes the others', async () => {
    const out = await runCli(['scan', '--from', join(EXAMPLE, 'manifests'), '--config', join(EXAMPLE, 'palisade.yaml'), '--format', 'json']);
    const result = parseResult(out.stdout);
    const custom = result.results.filter((r) => r.rule.startsWith('custom/')).map((r) => `${r.rule} ${r.object.kind}/${r.object.name} ${r.status}`);
    expect(custom.sort()).toEqual([
      'custom/replicas-max Deployment/batch fail',
      'custom/replicas-max Deployment/checkout pass',
      'custom/team-label Namespace/scratch fail',
      'custom/team-label Namespace/shop pass',
    ]);
    expect(result.results.find((r) => r.rule === 'custom/replicas-max' && r.status === 'fail')?.message).toBe('replicas must be at most 4');
    expect(result.results.find((r) => r.rule === 'custom/team-label' && r.status === 'fail')?.message).toBe("metadata: missing required field 'labels'");
    expect(result.rules.map((r) => r.id)).toContain('custom/team-label');
  });

  it('a custom rule can be waived like a built-in one, and counts in the score and the metrics', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'palisade-custom-'));
    const file = join(dir, 'palisade.yaml');
    const example = await readFile(join(EXAMPLE, 'palisade.yaml'), 'utf8');
    await writeFile(file, `${example}waivers:\n  - {rule: custom/replicas-max, namespace: scratch, reason: batch runs wide, approver: ops}\n`);
    const out = await runCli(['scan', '--from', join(EXAMPLE, 'manifests'), '--config', file, '--format', 'json']);
    const result = scanResultOf(JSON.parse(out.stdout) as ScanResultDocument);
    expect(result.results.find((r) => r.rule === 'custom/replicas-max' && r.object.name === 'batch')?.status).toBe('waived');
    expect(result.summary.byFamily.find((f) => f.name === 'custom')?.counts).toMatchObject({ pass: 2, fail: 1, waived: 1 });
    const exposition = await buildScanRegistry(result).metrics();
    expect(exposition).toMatch(/palisade_rule_results\{[^}]*rule="custom\/team-label"[^}]*status="fail"[^}]*\} 1/);
  });
});

describe('bad custom rules are config errors with line and fix', () => {
  it('an ID outside custom/', () => {
    expect(problemsOf(`customRules:\n  - id: pss/mine\n    title: T\n    severity: low\n    targets: [Pod]\n    validations: [{expression: "true"}]\n`)).toEqual([
      'palisade.yaml:2: customRules[0].id: "pss/mine" is not a custom rule ID: it must be custom/<kebab-name>, e.g. custom/replicas-max',
    ]);
  });

  it('CEL that does not compile, at the line of the expression', () => {
    const p = problemsOf(`customRules:\n  - id: custom/a\n    title: T\n    severity: low\n    targets: [Pod]\n    validations:\n      - expression: "true"\n      - expression: "object.spec.replicas <="\n`);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^palisade\.yaml:8: customRules\[0\]\.validations\[1\]\.expression: CEL syntax error: .*; fix the expression/);
  });

  it('an unsupported CEL function is named', () => {
    const p = problemsOf(`customRules:\n  - id: custom/a\n    title: T\n    severity: low\n    targets: [Pod]\n    validations:\n      - expression: "object.metadata.name.frobnicate()"\n`);
    expect(p[0]).toMatch(/^palisade\.yaml:7: .*unsupported CEL function: frobnicate/);
  });

  it('a bad messageExpression', () => {
    const p = problemsOf(`customRules:\n  - id: custom/a\n    title: T\n    severity: low\n    targets: [Pod]\n    validations:\n      - expression: "true"\n        messageExpression: "'x' +"\n`);
    expect(p[0]).toMatch(/^palisade\.yaml:8: customRules\[0\]\.validations\[0\]\.messageExpression: CEL syntax error/);
  });

  it('a schema that is not valid JSON Schema', () => {
    const p = problemsOf(`customRules:\n  - id: custom/a\n    title: T\n    severity: low\n    targets: [Pod]\n    schema: {type: objekt}\n`);
    expect(p[0]).toMatch(/^palisade\.yaml:6: customRules\[0\]\.schema: not a valid JSON Schema \(draft 2020-12\): .*; fix the schema/);
  });

  it('both or neither of validations and schema', () => {
    expect(problemsOf(`customRules:\n  - {id: custom/a, title: T, severity: low, targets: [Pod]}\n`)).toEqual([
      'palisade.yaml:2: customRules[0]: give either validations (CEL) or schema (JSON Schema), one of them',
    ]);
    expect(problemsOf(`customRules:\n  - {id: custom/a, title: T, severity: low, targets: [Pod], schema: {}, validations: [{expression: "true"}]}\n`)[0]).toMatch(/not both$/);
  });

  it('a duplicate ID', () => {
    const p = problemsOf(`customRules:\n  - {id: custom/a, title: T, severity: low, targets: [Pod], schema: {}}\n  - {id: custom/a, title: U, severity: low, targets: [Pod], schema: {}}\n`);
    expect(p).toEqual(["palisade.yaml:3: customRules[1].id: 'custom/a' is already used by customRules[0]; IDs must be unique"]);
  });

  it('the CLI exits 2 with file, line and fix', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'palisade-custom-'));
    const file = join(dir, 'palisade.yaml');
    await writeFile(file, `customRules:\n  - id: custom/a\n    title: T\n    severity: low\n    targets: [Pod]\n    validations: [{expression: "object.x.("}]\n`);
    const out = await runCli(['scan', '--from', join(EXAMPLE, 'manifests'), '--config', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file}:6: customRules[0].validations[0].expression: CEL syntax error`);
  });
});
