import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { SAMPLE_RESULTS, sampleResult } from '../fixtures/reports/sample.js';

describe('Markdown summary', () => {
  it('gives score, coverage, counts and the top failing rules, escaping object text', () => {
    const r = sampleResult();
    const md = renderMarkdown(r);
    expect(md).toContain(`### Palisade: score ${r.summary.score}`);
    expect(md).toContain(`| ${r.summary.counts.fail} | ${r.summary.counts.pass} | ${r.summary.counts.waived} | ${r.summary.counts.unknown} | ${r.summary.counts.error} | ${r.summary.counts.notApplicable} |`);
    expect(md).toContain('> **Incomplete scan:** 1 input error(s), 1 unreadable kind(s), 1 rule error(s).');
    const top = md.split('#### Top failing rules')[1]!;
    expect(top.indexOf('pss/privileged')).toBeLessThan(top.indexOf('pss/run-as-non-root'));
    expect(top.indexOf('pss/run-as-non-root')).toBeLessThan(top.indexOf('rbac/wildcard-verbs'));
    expect(md).not.toContain('New findings');
    expect(md.split('\n').length).toBeLessThan(40);
  });

  it('lists new findings against a baseline with the trend', () => {
    const prev = sampleResult({ results: SAMPLE_RESULTS.filter((x) => x.status !== 'fail' || x.rule === 'pss/privileged') });
    const cur = sampleResult();
    const md = renderMarkdown({ ...cur, baseline: compareWithBaseline(cur, prev) });
    expect(md).toContain('**Against the baseline** (2026-03-01T10:00:00.000Z): 3 new, 0 fixed, 1 unchanged, 0 newly waived, 0 waiver expired. A waived finding is never counted as fixed.');
    const fresh = md.split('#### New findings')[1]!;
    expect(fresh).toContain('- **high** `pss/run-as-non-root` Deployment/team-b/db: Container "db" may run as root, with a comma, a "quote" and a newline');
    expect(fresh).toContain('ClusterRole/=HYPERLINK\\("http://evil"\\)');
    expect(fresh).not.toContain('pss/privileged');
    expect(md).toMatch(/score [\d.]+ \((▲ \+|▼ |= )[-\d.]+ vs baseline [\d.]+\)/);
  });

  it('says how kubelets were read: a plain line when verified, a warning when not, nothing when none was read live', () => {
    const line = (md: string): string | undefined => md.split('\n').find((l) => /kubelet TLS/i.test(l));
    expect(line(renderMarkdown(sampleResult()))).toBeUndefined();
    const live = (kubeletTls: 'cluster-ca' | 'kubelet-ca' | 'not-verified' | 'api-server-proxy') =>
      renderMarkdown(sampleResult({ extra: { source: { mode: 'live', location: 'https://10.0.0.1:6443', kubeletTls } } }));
    expect(line(live('cluster-ca'))).toBe('Kubelet TLS: verified against the cluster CA.');
    expect(line(live('kubelet-ca'))).toBe('Kubelet TLS: verified against the kubelet CA \\(--kubelet-ca\\).');
    expect(line(live('api-server-proxy'))).toBe('Kubelet TLS: read through the API server proxy \\(--allow-nodes-proxy\\).');
    const warning = line(live('not-verified'));
    expect(warning).toMatch(/^> \*\*Warning — kubelet TLS: NOT VERIFIED \\\(--kubelet-insecure-tls\\\)\.\*\* kubelet serving certificates were not verified/);
  });

  it('escapes HTML and Markdown syntax from object names', () => {
    const cur = sampleResult();
    const md = renderMarkdown({ ...cur, baseline: compareWithBaseline(cur, sampleResult({ results: [] })) });
    expect(md).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(md).not.toContain('<script>');
  });
});
