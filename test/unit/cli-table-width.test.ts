import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitLine, wrapLine } from '../../src/report/table.js';
import { runCli } from '../helpers/cli.js';

const DEMO = join(import.meta.dirname, '../../examples/demo-cluster');
const visible = (s: string): number => [...s.replace(/\u001b\[[0-9;]*m/g, '')].length;

describe('the table fits the terminal', () => {
  it('at 80 columns (piped, COLUMNS unset) no line of the demo table is wider than 80, and no ANSI codes', async () => {
    const r = await runCli(['scan', '--from', DEMO]);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => visible(l) > 80)).toEqual([]);
    expect(r.stdout).not.toContain('\u001b[');
    // nothing is lost to the width: long reasons wrap
    expect(r.stdout.replace(/\n +/g, ' ')).toContain('kubelet configuration not available offline (the input has no KubeletConfiguration documents)');
  });

  it('COLUMNS sets the width; on a TTY with colours the visible width still fits', async () => {
    const wide = await runCli(['scan', '--from', DEMO], { env: { COLUMNS: '120' } });
    const widths = wide.stdout.split('\n').map(visible);
    expect(Math.max(...widths)).toBeLessThanOrEqual(120);
    expect(Math.max(...widths)).toBeGreaterThan(80);
    const tty = await runCli(['scan', '--from', DEMO], { tty: true, env: { COLUMNS: '100' } });
    expect(tty.stdout).toContain('\u001b[');
    expect(tty.stdout.split('\n').filter((l) => visible(l) > 100)).toEqual([]);
  });

  it('names the first failing objects under each rule, and all of them with --details', async () => {
    const r = await runCli(['scan', '--from', DEMO]);
    expect(r.stdout).toMatch(/\n {2}critical\s+4\s+pss\/privileged {2}Containers must not run privileged\n {4}DaemonSet\/kube-system\/calico-node, DaemonSet\/kube-system\/kube-proxy, \+2 more\n/);
    const d = await runCli(['scan', '--from', DEMO, '--details']);
    const after = (d.stdout.split('pss/privileged  Containers must not run privileged\n')[1] ?? '').split('\n');
    const objects = after.slice(0, after.findIndex((l) => !l.startsWith('    ')));
    expect(objects).toEqual(['    DaemonSet/kube-system/calico-node', '    DaemonSet/kube-system/kube-proxy', expect.stringMatching(/^ {4}\S+$/), expect.stringMatching(/^ {4}\S+$/)]);
  });

  it('ends with a verdict line that explains the exit code', async () => {
    const none = await runCli(['scan', '--from', DEMO]);
    expect(none.code).toBe(0);
    expect(none.stdout.trimEnd().split('\n').at(-1)).toBe('Verdict: exit 0: no gate set (--fail-on, --fail-below-score, --fail-on-new)');
    const gated = await runCli(['scan', '--from', DEMO, '--fail-on', 'critical', '--fail-below-score', '90'], { env: { COLUMNS: '200' } });
    expect(gated.code).toBe(1);
    expect(gated.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Verdict: exit 1: \d+ failure\(s\) at or above --fail-on critical; score [\d.]+ is below --fail-below-score 90$/);
    const passed = await runCli(['scan', '--from', DEMO, '--fail-below-score', '10']);
    expect(passed.code).toBe(0);
    expect(passed.stdout.trimEnd().split('\n').at(-1)).toBe('Verdict: exit 0: nothing tripped --fail-below-score 10');
  });
});

describe('fitLine / wrapLine', () => {
  it('fitLine cuts to the visible width with an ellipsis, keeping and closing ANSI codes', () => {
    expect(fitLine('abcdef', 4)).toBe('abc…');
    expect(fitLine('abc', 4)).toBe('abc');
    const cut = fitLine('\u001b[1mbold text here\u001b[22m', 6);
    expect(visible(cut)).toBe(6);
    expect(cut.endsWith('\u001b[0m')).toBe(true);
  });

  it('wrapLine breaks at spaces with a hanging indent, losing nothing', () => {
    expect(wrapLine('  one two three four', 12)).toEqual(['  one two', '    three', '    four']);
    expect(wrapLine('short', 12)).toEqual(['short']);
    // column gaps first: a "label value" cell stays together
    expect(wrapLine('  Results   pass 1  error 0', 20)).toEqual(['  Results   pass 1', '    error 0']);
    // a cell longer than the line wraps at its spaces, indented
    expect(wrapLine('  unknown  1  a long reason that is wide', 24)).toEqual(['  unknown  1', '    a long reason that', '    is wide']);
  });
});
