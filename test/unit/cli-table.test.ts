import { styleText } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { scanSnapshot } from '../../src/engine/scan.js';
import { Snapshot } from '../../src/inventory/snapshot.js';
import type { Severity } from '../../src/model/result.js';
import { renderTable, TABLE_SECTIONS, type TableSection } from '../../src/report/table.js';
import { yamlObjects } from '../helpers/rule-tester.js';

/** A rule that fails on pods labelled `bad: <its severity>` and passes on the others. */
function labelRule(severity: Severity): Rule {
  return defineRule({
    meta: {
      id: `test/${severity}-label`,
      title: `Pods must not be labelled bad=${severity}`,
      description: 'A synthetic rule for table layout tests',
      remediation: 'Remove the label',
      severity,
      category: 'security',
      references: [],
      targets: ['Pod'],
      scope: 'object',
      messages: { bad: 'labelled bad' },
    },
    check(ctx) {
      if (ctx.target.metadata.labels?.[`skip-${severity}`] === 'yes') return ctx.notApplicable('skipped');
      if (ctx.target.metadata.labels?.['bad'] === severity) ctx.fail('bad', {}, [{ path: 'metadata.labels.bad', actual: severity, expected: 'absent' }]);
    },
  });
}

const pods = (ns: string, labels: (string | undefined)[], extra = ''): string =>
  labels
    .map((bad, i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ${ns}, labels: {${bad ? `bad: ${bad}, ` : ''}${extra}}}\n`)
    .join('---\n');

const objects = yamlObjects(
  [
    // `tiny`: one low failure and nothing else → score 0, but little at stake.
    pods('tiny', ['low'], "skip-critical: 'yes'"),
    // `big`: a critical and a low failure among many passing pods → a better score, but worse.
    pods('big', ['critical', 'low', undefined, undefined, undefined, undefined, undefined, undefined]),
    pods('clean', [undefined]),
  ].join('---\n'),
);

const rules = [labelRule('low'), labelRule('critical')];
const result = scanSnapshot(new Snapshot({ objects, source: 'table-test', mode: 'offline' }), {
  config: defaultConfig(),
  rules,
  now: new Date('2026-06-01T00:00:00Z'),
}).result;
const text = renderTable(result, { color: false });
const block = (title: string): string[] => {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
};

describe('table report', () => {
  it('summary: score, coverage, counts and failing counts by severity', () => {
    expect(text).toMatch(/Score\s+\d+\.\d \/ 100/);
    expect(text).toContain('Coverage  100% (19 of 19 applicable results evaluated)');
    expect(text).toContain('Results   pass 16  fail 3  waived 0  unknown 0  not-applicable 1  error 0');
    expect(text).toContain('Failing   critical 1  high 0  medium 0  low 2  info 0');
  });

  it('failing rules: worst severity first, with failing object counts and titles', () => {
    const rows = block('FAILING RULES');
    expect(rows[0]).toMatch(/^ {2}SEVERITY\s+FAILING\s+RULE · TITLE$/);
    expect(rows[1]).toMatch(/^ {2}critical\s+1\s+test\/critical-label {2}Pods must not be labelled bad=critical$/);
    expect(rows[2]).toMatch(/^ {4}Pod\/\S+\/\S+$/);
    expect(rows[3]).toMatch(/^ {2}low\s+2\s+test\/low-label {2}Pods must not be labelled bad=low$/);
    expect(rows[4]).toMatch(/^ {4}Pod\/\S+, Pod\/\S+$/);
    expect(rows).toHaveLength(5);
  });

  it('worst namespaces: most severe failures first, not lowest score first; clean namespaces left out', () => {
    const rows = block('WORST NAMESPACES');
    expect(rows[1]).toMatch(/^ {2}big\s+unassigned\s+\d+\.\d\s+2\s+1\s+0\s+0\s+1$/);
    expect(rows[2]).toMatch(/^ {2}tiny\s+unassigned\s+0\.0\s+1\s+0\s+0\s+0\s+1$/);
    expect(rows.some((r) => r.includes('clean'))).toBe(false);
  });

  it('sections are an extension point: a section can be added without touching the others', () => {
    const extra: TableSection = { name: 'extra', render: () => ['EXTRA SECTION', '  hello'] };
    const withExtra = renderTable(result, { color: false }, [...TABLE_SECTIONS, extra]);
    expect(withExtra.startsWith(text.trimEnd())).toBe(true);
    expect(withExtra.trimEnd().endsWith('EXTRA SECTION\n  hello')).toBe(true);
  });

  it('no color codes unless asked; with color, the same text underneath', () => {
    expect(text).not.toContain('\u001b[');
    const colored = renderTable(result, { color: true });
    expect(colored).toContain('\u001b[');
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(text);
  });
});

describe('table report of an incomplete scan', () => {
  const throwing = defineRule({
    meta: { ...labelRule('high').meta, id: 'test/throws', messages: {} },
    check() {
      throw new Error('boom');
    },
  });
  const needsDaemonSets = defineRule({ ...labelRule('medium'), meta: { ...labelRule('medium').meta, id: 'test/needs-ds', requires: ['DaemonSet'] } });
  const snapshot = new Snapshot({
    objects,
    source: 'https://127.0.0.1:6443',
    mode: 'live',
    gaps: [{ kind: 'DaemonSet', reason: 'daemonsets.apps is forbidden for palisade', code: 'forbidden' }],
    errors: [{ source: 'apps/v1 daemonsets', reason: 'forbidden', message: 'apps/v1 daemonsets: forbidden' }],
  });
  const incomplete = scanSnapshot(snapshot, { config: defaultConfig(), rules: [throwing, needsDaemonSets], now: new Date('2026-06-01T00:00:00Z') }).result;
  const out = renderTable(incomplete, { color: false, width: 200 });

  it('says it is incomplete and lists what was not evaluated, with reasons', () => {
    expect(out).toContain('Incomplete: some input could not be read or evaluated');
    expect(out).toContain('NOT EVALUATED (unknown is never counted as pass)\n');
    expect(out).toMatch(/\n {2}error\s+test\/throws\s+10\s+Rule test\/throws failed on Pod\/\w+\/p\d: boom\n/);
    expect(out).toMatch(/\n {2}unknown\s+test\/needs-ds\s+10\s+Not evaluated: could not read DaemonSet \(daemonsets\.apps is forbidden for palisade\)/);
  });

  it('lists inventory errors and unreadable kinds', () => {
    expect(out).toContain('INVENTORY\n  1 input error(s):\n    apps/v1 daemonsets: forbidden');
    expect(out).toContain("1 kind(s) could not be read; rules that need them are unknown:\n    DaemonSet (forbidden): daemonsets.apps is forbidden for palisade");
  });
});

describe('table report: kubelet TLS (source.kubeletTls, derived by the engine from the KubeletConfiguration objects)', () => {
  const kubelet = (node: string, via?: string): string =>
    `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmetadata: {name: ${node}${via ? `, annotations: {palisade.dev/kubelet-tls: ${via}}` : ''}}\n`;
  const scanOf = (yaml: string, mode: 'live' | 'offline') =>
    scanSnapshot(new Snapshot({ objects: yamlObjects(yaml), source: 'https://127.0.0.1:6443', mode }), { config: defaultConfig(), rules, now: new Date('2026-06-01T00:00:00Z') }).result;
  const headerOf = (r: ReturnType<typeof scanOf>): string[] => {
    const lines = renderTable(r, { color: false, width: 200 }).split('\n');
    return lines.slice(0, lines.findIndex((l) => l.startsWith('SUMMARY')));
  };

  it('live reads: the engine records the weakest mode, and the header says it; NOT VERIFIED is a warning', () => {
    const verified = scanOf([pods('a', [undefined]), kubelet('n1', 'cluster-ca')].join('---\n'), 'live');
    expect(verified.source.kubeletTls).toBe('cluster-ca');
    expect(headerOf(verified)).toContain('kubelet TLS: verified against the cluster CA');

    const insecure = scanOf([pods('a', [undefined]), kubelet('n1', 'cluster-ca'), kubelet('n2', 'not-verified')].join('---\n'), 'live');
    expect(insecure.source.kubeletTls).toBe('not-verified');
    const line = headerOf(insecure).find((l) => l.includes('kubelet TLS'));
    expect(line).toMatch(/^WARNING kubelet TLS: NOT VERIFIED \(--kubelet-insecure-tls\): kubelet serving certificates were not verified/);
    // With color the warning is bold yellow, the verified line dim.
    const colored = renderTable(insecure, { color: true, width: 200 });
    expect(colored).toContain(styleText(['bold', 'yellow'], 'WARNING kubelet TLS: NOT VERIFIED (--kubelet-insecure-tls)', { validateStream: false }));
  });

  it('no kubelet line when no kubelet configuration was read live (none read, or offline manifests even if annotated)', () => {
    const none = scanOf(pods('a', [undefined]), 'live');
    expect(none.source.kubeletTls).toBeUndefined();
    expect(headerOf(none).join('\n')).not.toContain('kubelet');
    const unannotated = scanOf([pods('a', [undefined]), kubelet('n1')].join('---\n'), 'live');
    expect(unannotated.source.kubeletTls).toBeUndefined();
    const offline = scanOf([pods('a', [undefined]), kubelet('n1', 'not-verified')].join('---\n'), 'offline');
    expect(offline.source).not.toHaveProperty('kubeletTls');
    expect(headerOf(offline).filter((l) => l !== '')).toHaveLength(2);
  });
});
