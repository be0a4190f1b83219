import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/report/baseline.js';
import { SCRIPT } from '../../src/report/html/assets.js';
import { esc } from '../../src/report/html/escape.js';
import { isComplianceFramework, renderHtml } from '../../src/report/html/render.js';
import { CROSS_TENANT_SECTION, FRAMEWORKS_SECTION, SAMPLE_RESULTS, SAMPLE_RULES, sampleResult, TENANTS_SECTION, XSS_NAME } from '../fixtures/reports/sample.js';

describe('HTML report (static checks; the browser checks are in test/integration/html-report.test.ts)', () => {
  const page = renderHtml(sampleResult());

  it('escapes attacker-controlled text everywhere: only our own script tag exists', () => {
    expect(esc(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toContain(XSS_NAME);
    expect(page).toContain('Deployment/team-a/&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is self-contained: no external URL is loaded, and a CSP allows only the inline script by hash', () => {
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    expect(page).not.toMatch(/url\(/i);
    const hash = createHash('sha256').update(SCRIPT).digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'`);
    expect(page).toContain("default-src 'none'");
  });

  it('has every section, with "not evaluated" for missing frameworks, tenants and trend', () => {
    for (const id of ['summary', 'frameworks', 'tenants', 'findings', 'waivers', 'metadata']) expect(page).toContain(`data-section="${id}"`);
    expect(page).toContain('data-frameworks="not-evaluated"');
    expect(page).toContain('data-tenants="not-evaluated"');
    expect(page).toContain('data-baseline="none"');
    expect(page).toContain('@media print');
    expect(page).toContain('break-before:page');
  });

  it('shows waivers as active and expired with reason, approver, ticket and expiry', () => {
    expect(page).toMatch(/<tr data-waiver="active"><td><code>pss\/run-as-non-root<\/code><\/td><td><code>Deployment\/team-a\/legacy<\/code><\/td><td>vendor image, fix in Q3<\/td><td>ciso@example.com<\/td><td>SEC-42<\/td><td>2099-01-01<\/td>/);
    expect(page).toMatch(/<tr data-waiver="expired"><td><code>pss\/run-as-non-root<\/code><\/td><td><code>Deployment\/team-a\/old<\/code><\/td><td>temporary<\/td><td>lead<\/td><td>SEC-7<\/td><td>2020-01-01<\/td>/);
  });

  it('lists what was not visible: unreadable kinds, input errors, rule errors, unevaluated kinds', () => {
    const meta = page.slice(page.indexOf('data-section="metadata"'));
    expect(meta).toContain('<td>LimitRange</td><td>forbidden</td><td>limitranges is forbidden</td>');
    expect(meta).toContain('manifests/broken.yaml:3');
    expect(meta).toContain('rule threw: TypeError: boom');
    expect(meta).toContain('No rule targets these kinds: Widget (1).');
  });

  it('renders one line per framework control (status, counts, rule links) and no evidence there', () => {
    const full = renderHtml(sampleResult({ extra: { frameworks: FRAMEWORKS_SECTION, tenants: TENANTS_SECTION, crossTenantAccess: CROSS_TENANT_SECTION } }));
    expect(full).not.toContain('data-frameworks="not-evaluated"');
    expect(full).toContain('CIS Kubernetes Benchmark 1.12 — 1 of 2 evaluated controls pass (3 listed)');
    // CIS is covered by the module; PSS and MTB references still appear, marked as derived
    expect(full).toContain('<h3>Other framework references</h3>');
    expect(full).toContain('<h3 data-framework="PSS">PSS — 0 of 2 evaluated controls pass (2 listed)</h3>');
    expect(full).not.toContain('data-framework="CIS"');
    expect(full).toMatch(/data-control="1.1.1">.*?st-manual.*?needs node access/);
    // the framework module's counts, the rule linked to its group in the findings
    expect(full).toContain('<td class="counts">1 fail</td><td class="rules"><a href="#rule-pss.2fprivileged"><code>pss/privileged</code></a></td>');
    expect(full).toContain('id="rule-pss.2fprivileged"');
    // derived views count the rules' results
    expect(full).toContain('<tr data-control="restricted/run-as-non-root"><td class="nowrap"><code>restricted/run-as-non-root</code></td><td>Containers must run as non-root</td><td><span class="badge st-fail">fail</span></td><td class="counts">1 fail · 2 waived</td>');
    const frameworks = full.slice(full.indexOf('data-section="frameworks"'), full.indexOf('data-section="tenants"'));
    expect(frameworks).not.toContain('class="evidence"');
    expect(frameworks).not.toContain('securityContext');
  });

  it('lists peer check IDs as cross-references of their rule, never as a compliance framework', () => {
    const rules = SAMPLE_RULES.map((r) =>
      r.id === 'pss/privileged' ? { ...r, references: [...r.references, { framework: 'Kubescape', id: 'C-0057' }, { framework: 'peer', id: 'polaris/privilegeEscalationAllowed' }] } : r,
    );
    const html = renderHtml(sampleResult({ extra: { rules } }));
    const frameworks = html.slice(html.indexOf('data-section="frameworks"'), html.indexOf('data-section="tenants"'));
    expect(frameworks).toContain('data-framework="CIS"');
    expect(frameworks).not.toContain('Kubescape');
    expect(frameworks).not.toContain('data-framework="peer"');
    expect(html).toContain('<div class="xref"><strong>Cross-references:</strong> Kubescape C-0057, polaris/privilegeEscalationAllowed</div>');
    expect(isComplianceFramework('NSA')).toBe(true);
    expect(isComplianceFramework('kubescape')).toBe(false);
  });

  it('draws the tenant graph, the dimension charts and the condensed RBAC access', () => {
    const full = renderHtml(sampleResult({ extra: { frameworks: FRAMEWORKS_SECTION, tenants: TENANTS_SECTION, crossTenantAccess: CROSS_TENANT_SECTION } }));
    expect(full).not.toContain('data-tenants="not-evaluated"');
    const tenants = full.slice(full.indexOf('data-section="tenants"'), full.indexOf('data-section="findings"'));
    expect([...tenants.matchAll(/<g class="tg-node" data-node="([^"]+)"/g)].map((m) => m[1])).toEqual(['alpha', 'beta', 'unassigned', 'system']);
    expect(tenants).toMatch(/<a href="#paths-beta-alpha-network" class="tg-edge" data-source="beta" data-target="alpha" data-channel="network" data-count="2" data-origin="crossTenantAccess"/);
    expect(tenants).toContain('<h4 id="paths-beta-alpha-network">beta → alpha · network · 2 polic(ies)');
    expect(tenants).toContain('<li>team-b/web → team-a/db (TCP/5432) via team-a/allow-all; some pods have no ingress policy</li>');
    // both scores of a tenant, each under its own name
    expect(tenants).toContain('<th class="num">Isolation score</th><th class="num">Results score</th>');
    expect(tenants).toMatch(/<tr data-tenant="alpha"><td>alpha <span class="muted" data-profile="soft">· soft profile<\/span><\/td><td>team-a<\/td><td class="num" data-metric="isolation-score">61.5<\/td><td class="num" data-metric="results-score">/);
    expect(tenants).toContain('data-profile="hard">· hard profile');
    expect(tenants).toMatch(/<svg class="dims"[^>]*data-tenant="alpha"><text[^>]*>alpha<\/text><g data-dimension="network" data-score="40">/);
    expect(tenants).toContain('<tr data-subject="User eve" data-classes="read"><td><code>User eve</code></td><td>beta</td><td>team-a</td><td><span class="badge vc-read">read (incl. secrets)</span><details class="rights">');
  });

  it('collapses each finding\'s evidence once, and says in print whether it is printed', () => {
    const none = renderHtml(sampleResult());
    const findings = none.slice(none.indexOf('data-section="findings"'), none.indexOf('data-section="waivers"'));
    expect(findings.match(/spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/g)).toHaveLength(1);
    expect(findings).toMatch(/<details class="ev"><summary>evidence \(1\)<\/summary><div class="muted mono">manifests\/team-a\/app.yaml:12<\/div>/);
    expect(none).toContain('<body class="appendix-none">');
    expect(none).toContain('data-appendix="none"');
    const full = renderHtml(sampleResult(), { appendix: 'full' });
    expect(full).toContain('<body class="appendix-full">');
    expect(full).toContain('data-appendix="full"');
    expect(full).toContain('body.appendix-full details::details-content');
  });

  it('shows how kubelets were read in the summary and the scan metadata; NOT VERIFIED as a warning note', () => {
    expect(page).not.toContain('data-kubelet-tls');
    expect(page).not.toContain('kubelet TLS');
    const live = (kubeletTls: 'cluster-ca' | 'not-verified') => renderHtml(sampleResult({ extra: { source: { mode: 'live', location: 'https://10.0.0.1:6443', kubeletTls } } }));
    const insecure = live('not-verified');
    const summary = insecure.slice(insecure.indexOf('data-section="summary"'), insecure.indexOf('data-section="frameworks"'));
    expect(summary).toContain(
      '<p class="note" data-kubelet-tls="not-verified"><strong>Warning — kubelet TLS: NOT VERIFIED (--kubelet-insecure-tls).</strong> kubelet serving certificates were not verified,',
    );
    const meta = insecure.slice(insecure.indexOf('data-section="metadata"'));
    expect(meta).toMatch(/<tr><th style="width:160px">kubelet TLS<\/th><td>NOT VERIFIED \(--kubelet-insecure-tls\) \(not-verified\) — WARNING: kubelet serving certificates were not verified/);
    const verified = live('cluster-ca');
    expect(verified).toContain('<p class="muted" data-kubelet-tls="cluster-ca">Kubelet configuration read live, kubelet TLS verified against the cluster CA.</p>');
    expect(verified).toContain('<tr><th style="width:160px">kubelet TLS</th><td>verified against the cluster CA (cluster-ca)</td></tr>');
    expect(verified).not.toContain('class="note" data-kubelet-tls');
  });

  it('shows the trend and baseline state of each finding', () => {
    const prev = sampleResult({ results: SAMPLE_RESULTS.filter((r) => r.rule !== 'rbac/wildcard-verbs') });
    const cur = sampleResult();
    const withBaseline = renderHtml({ ...cur, baseline: compareWithBaseline(cur, prev) });
    expect(withBaseline).toContain('<div class="num" data-metric="baseline-new">1</div>');
    expect(withBaseline).toMatch(/data-status="fail"[^>]*>(?:(?!<\/tr>).)*bl-new(?:(?!<\/tr>).)*ClusterRole/);
  });
});
