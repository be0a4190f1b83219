/**
 * The HTML report in a real browser (Debian chromium driven by playwright-core): no console
 * errors, no network request but the file itself, the summary equals the JSON, filters and
 * search work, hostile object names stay text, and the printed PDF has the sections on their
 * own pages. The demo cluster's report prints in at most 30 A4 pages, its tenant graph has the
 * JSON's crossTenantAccess as arrows, it works without JavaScript, and `--format pdf` (the CLI
 * driving the same Chromium) writes a valid PDF. A screenshot and the PDF go to test-artifacts/
 * (git-ignored) for a human look; screenshots for the note go to $PALISADE_SCREENSHOTS.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { expandResult, parseResult } from '../helpers/result-json.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { renderHtml } from '../../src/report/html/render.js';
import type { ScanResult } from '../../src/report/model.js';
import { SAMPLE_RESULTS, sampleResult, XSS_NAME } from '../fixtures/reports/sample.ts';
import { onPath, requirePrereq } from '../helpers/prereq.ts';

const CHROMIUM = '/usr/bin/chromium';
const DEMO = join(import.meta.dirname, '../../examples/demo-cluster');
/** The bound: the demo cluster's report prints (A4, Chromium) in at most this many pages. */
const MAX_DEMO_PAGES = 30;
const pdfPages = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
const SCREENSHOTS = process.env['PALISADE_SCREENSHOTS'];
const hasChromium = requirePrereq('chromium (Debian package)', onPath('chromium'));
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
/** The DOM as far as these checks use it (the project is type-checked without the DOM library). */
interface DomBox {
  offsetParent: unknown;
  dataset: Record<string, string>;
}
type GetComputedStyle = (el: unknown) => { breakBefore: string };

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
}

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let ctx: BrowserContext;
  let dir: string;
  const result: ScanResult = sampleResult();

  async function open(r: ScanResult, name: string): Promise<Opened> {
    const file = join(dir, name);
    await writeFile(file, renderHtml(r));
    const page = await ctx.newPage();
    const opened: Opened = { page, url: pathToFileURL(file).href, requests: [], consoleErrors: [], dialogs: [] };
    page.on('request', (req) => opened.requests.push(req.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') opened.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => opened.consoleErrors.push(e.message));
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(opened.url, { waitUntil: 'load' });
    return opened;
  }

  const visibleRows = (page: Page) =>
    page.$$eval('tr.result', (rows) =>
      rows
        .filter((r) => (r as unknown as DomBox).offsetParent !== null)
        .map((r): Record<string, string> => ({ ...(r as unknown as DomBox).dataset, text: (r as unknown as { textContent: string | null }).textContent ?? '' })),
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-html-'));
    ctx = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'palisade-chromium-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 1000 },
    });
  });

  afterAll(async () => {
    await ctx?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads with no console errors, no network request and no script from object names', async () => {
    const o = await open(result, 'sample.html');
    expect(o.consoleErrors).toEqual([]);
    expect(o.requests).toEqual([o.url]);
    expect(o.dialogs).toEqual([]);
    // the hostile name is shown as text, and the page has exactly one script element (ours)
    expect(await o.page.locator('code', { hasText: XSS_NAME }).count()).toBeGreaterThan(0);
    expect(await o.page.$$eval('script', (s) => s.length)).toBe(1);
    await o.page.close();
  });

  it('shows the same summary numbers as the JSON', async () => {
    const o = await open(result, 'summary.html');
    const metric = async (m: string) => (await o.page.locator(`[data-metric="${m}"]`).first().textContent())?.trim();
    const c = result.summary.counts;
    expect(await metric('score')).toBe(String(result.summary.score));
    expect(await metric('count-fail')).toBe(String(c.fail));
    expect(await metric('count-pass')).toBe(String(c.pass));
    expect(await metric('count-waived')).toBe(String(c.waived));
    expect(await metric('count-unknown')).toBe(String(c.unknown));
    expect(await metric('count-error')).toBe(String(c.error));
    expect(await metric('count-not-applicable')).toBe(String(c.notApplicable));
    expect(await metric('coverage')).toBe(`${Math.round((result.summary.coverage.ratio ?? 0) * 1000) / 10}%`);
    await o.page.close();
  });

  it('the demo cluster scan: HTML written by the CLI shows the numbers of the JSON written with it', async () => {
    const out = join(dir, 'demo');
    const sink = new (class extends Writable {
      override _write(_c: unknown, _e: BufferEncoding, cb: () => void): void {
        cb();
      }
    })();
    await run(['scan', '--from', join(import.meta.dirname, '../../examples/demo-cluster'), '--format', 'json,html', '--output-dir', out], { stdout: sink, stderr: sink, env: {} });
    const json = parseResult(await readFile(join(out, 'palisade.json'), 'utf8'));
    const page = await ctx.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(out, 'palisade.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    const metric = async (m: string) => (await page.locator(`[data-metric="${m}"]`).first().textContent())?.trim();
    expect(await metric('score')).toBe(String(json.summary.score));
    expect(await metric('count-fail')).toBe(String(json.summary.counts.fail));
    expect(await metric('count-pass')).toBe(String(json.summary.counts.pass));
    expect(await metric('count-not-applicable')).toBe(String(json.summary.counts.notApplicable));
    expect(await page.$$eval('tr.result', (rows) => rows.length)).toBe(json.results.length);
    await page.selectOption('#f-severity', 'critical');
    const critical = json.results.filter((r) => r.severity === 'critical' && ['fail', 'waived', 'unknown', 'error'].includes(r.status)).length;
    expect(await page.textContent('#f-count')).toBe(String(critical));
    expect((await visibleRows(page)).every((r) => r['severity'] === 'critical')).toBe(true);
    await page.close();
  });

  it('filters by severity, status and namespace, and searches text', async () => {
    const o = await open(result, 'filters.html');
    const problems = new Set(['fail', 'waived', 'unknown', 'error']);
    // default: problems only
    // default (rendered server-side, no script work on load): problems only, and the counter agrees
    const problemCount = SAMPLE_RESULTS.filter((r) => problems.has(r.status)).length;
    expect((await visibleRows(o.page)).length).toBe(problemCount);
    expect(await o.page.textContent('#f-count')).toBe(String(problemCount));
    await o.page.selectOption('#f-status', '');
    expect((await visibleRows(o.page)).length).toBe(SAMPLE_RESULTS.length);
    await o.page.selectOption('#f-severity', 'high');
    const high = await visibleRows(o.page);
    expect(high.length).toBe(SAMPLE_RESULTS.filter((r) => r.severity === 'high').length);
    expect(high.every((r) => r['severity'] === 'high')).toBe(true);
    expect(await o.page.textContent('#f-count')).toBe(String(high.length));
    // groups without a visible row are hidden
    expect(await o.page.locator('.rule-group[data-rule="pss/privileged"]').isVisible()).toBe(false);
    await o.page.selectOption('#f-namespace', 'team-b');
    expect((await visibleRows(o.page)).map((r) => r.text)).toEqual([expect.stringContaining('Deployment/team-b/db')]);
    await o.page.selectOption('#f-severity', '');
    await o.page.selectOption('#f-namespace', '');
    await o.page.selectOption('#f-status', 'pass');
    expect((await visibleRows(o.page)).map((r) => r['status'])).toEqual(['pass']);
    await o.page.selectOption('#f-status', '');
    await o.page.fill('#f-search', 'SEC-42');
    expect((await visibleRows(o.page)).map((r) => r.text)).toEqual([expect.stringContaining('Deployment/team-a/legacy')]);
    await o.page.fill('#f-search', 'alert(1)');
    expect((await visibleRows(o.page)).length).toBe(1);
    await o.page.fill('#f-search', 'no such thing anywhere');
    expect((await visibleRows(o.page)).length).toBe(0);
    expect(o.consoleErrors).toEqual([]);
    await o.page.close();
  });

  it('prints every section on its own page, without the filter bar; saves a screenshot and the PDF', async () => {
    const o = await open(result, 'print.html');
    await mkdir(ARTIFACTS, { recursive: true });
    await o.page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await o.page.emulateMedia({ media: 'print' });
    expect(await o.page.locator('.filters').isVisible()).toBe(false);
    // The printout is what is on screen (filtered rows stay hidden); every section must be there.
    const sections = await o.page.$$eval('section.report-section', (ss) =>
      ss.map((s) => ({
        id: s.id,
        visible: (s as unknown as DomBox).offsetParent !== null,
        breakBefore: ((globalThis as unknown as { getComputedStyle: GetComputedStyle }).getComputedStyle)(s).breakBefore,
      })),
    );
    expect(sections.map((s) => s.id)).toEqual(['summary', 'frameworks', 'tenants', 'findings', 'waivers', 'metadata', 'integrity']);
    expect(sections.every((s) => s.visible)).toBe(true);
    expect(sections.slice(1).every((s) => s.breakBefore === 'page')).toBe(true);
    const pdf = await o.page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(ARTIFACTS, 'html-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(6);
    await o.page.close();
  });
  describe('the demo cluster report', () => {
    let out: string;
    let json: ReturnType<typeof parseResult>;
    let url: string;
    const cli = async (args: string[]): Promise<number> => {
      const sink = new (class extends Writable {
        override _write(_c: unknown, _e: BufferEncoding, cb: () => void): void {
          cb();
        }
      })();
      return run(['scan', '--from', DEMO, ...args], { stdout: sink, stderr: sink, env: { PATH: process.env['PATH'] } });
    };

    beforeAll(async () => {
      out = join(dir, 'demo-report');
      await cli(['--format', 'json,html', '--output-dir', out]);
      json = parseResult(await readFile(join(out, 'palisade.json'), 'utf8'));
      url = pathToFileURL(join(out, 'palisade.html')).href;
    });

    async function openDemo(): Promise<{ page: Page; errors: string[] }> {
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      await page.goto(url, { waitUntil: 'load' });
      return { page, errors };
    }

    it(`prints on at most ${MAX_DEMO_PAGES} A4 pages, evidence left out (and said so); --html-appendix full prints it`, async () => {
      const { page, errors } = await openDemo();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('[data-appendix="none"]').isVisible()).toBe(true);
      expect(await page.locator('details.ev').first().isVisible()).toBe(false);
      const pages = pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
      process.stderr.write(`[html-report] demo cluster report: ${pages} A4 pages\n`);
      expect(pages).toBeLessThanOrEqual(MAX_DEMO_PAGES);
      // the summary is first
      expect(await page.$$eval('section.report-section', (ss) => ss[0]?.id)).toBe('summary');
      // framework controls are one line each: no evidence list in the frameworks section
      expect(await page.locator('#frameworks .evidence').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();

      const fullDir = join(dir, 'demo-full');
      await cli(['--format', 'html', '--output-dir', fullDir, '--html-appendix', 'full']);
      const full = await ctx.newPage();
      await full.goto(pathToFileURL(join(fullDir, 'palisade.html')).href, { waitUntil: 'load' });
      // on screen still collapsed; printed, the evidence shows
      const evidence = full.locator('tr.result:not(.hidden) details.ev ul.evidence').first();
      expect(await evidence.isVisible()).toBe(false);
      await full.emulateMedia({ media: 'print' });
      expect(await full.locator('[data-appendix="full"]').isVisible()).toBe(true);
      expect(await evidence.isVisible()).toBe(true);
      const fullPages = pdfPages(await full.pdf({ format: 'A4', printBackground: true }));
      process.stderr.write(`[html-report] demo cluster report with --html-appendix full: ${fullPages} A4 pages\n`);
      expect(fullPages).toBeGreaterThan(pages);
      await full.close();
    });

    it("draws the JSON's crossTenantAccess as the tenant graph's arrows, each linking to its paths", async () => {
      const { page, errors } = await openDemo();
      const tenants = (json.tenants ?? []).map((t) => t.name).sort();
      expect(tenants.length).toBeGreaterThan(1);
      const nodes = await page.$$eval('svg.tenant-graph g.tg-node', (gs) => gs.map((g) => (g as unknown as DomBox).dataset['node']));
      expect(nodes).toEqual([...tenants, 'unassigned', 'system']);
      const edges = await page.$$eval('svg.tenant-graph a.tg-edge[data-origin="crossTenantAccess"]', (as) =>
        as.map((a) => {
          const d = (a as unknown as DomBox).dataset;
          return { source: d['source'], target: d['target'], channel: d['channel'], count: Number(d['count']) };
        }),
      );
      const expected = [...(json.crossTenantAccess ?? [])].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || a.channel.localeCompare(b.channel));
      expect(expected.length).toBeGreaterThan(0);
      expect(edges).toEqual(expected.map(({ source, target, channel, count }) => ({ source, target, channel, count })));
      // every arrow (also those from unassigned/system) links to a paths block that exists
      const hrefs = await page.$$eval('svg.tenant-graph a.tg-edge', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const h of hrefs) expect(await page.locator(`[id="${h.slice(1)}"]`).count(), h).toBe(1);
      // dimension charts and both tenant scores equal the JSON
      for (const t of json.tenants ?? []) {
        const dims = await page.$$eval(`svg.dims[data-tenant="${t.name}"] g[data-dimension]`, (gs) => gs.map((g) => [(g as unknown as DomBox).dataset['dimension'], (g as unknown as DomBox).dataset['score']]));
        expect(dims).toEqual(Object.entries(t.dimensions).map(([d, v]) => [d, v.score === null ? 'n/a' : String(v.score)]));
        expect((await page.textContent(`tr[data-tenant="${t.name}"] [data-metric="isolation-score"]`))?.trim()).toBe(String(t.score));
      }
      for (const t of json.summary.byTenant) {
        expect((await page.textContent(`tr[data-tenant="${t.name}"] [data-metric="results-score"]`))?.trim()).toBe(t.score === null ? 'n/a' : String(t.score));
      }
      // clicking an arrow goes to its paths
      await page.locator('svg.tenant-graph a.tg-edge text').first().click();
      expect(new URL(page.url()).hash).toBe(hrefs[0]);
      // printed, the graph is there
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('svg.tenant-graph').isVisible()).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('is usable without JavaScript: graph, charts, condensed access and collapsed evidence', async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
      try {
        const c = await browser.newContext({ javaScriptEnabled: false });
        const page = await c.newPage();
        await page.goto(url, { waitUntil: 'load' });
        expect(await page.locator('svg.tenant-graph').isVisible()).toBe(true);
        expect(await page.locator('svg.dims').count()).toBe((json.tenants ?? []).length);
        // RBAC access: classes shown, the full list behind a <details> that opens without script
        const rights = page.locator('table.access details.rights').first();
        expect(await rights.locator('div.mono').isVisible()).toBe(false);
        await rights.locator('summary').click();
        expect(await rights.locator('div.mono').isVisible()).toBe(true);
        const ev = page.locator('tr.result:not(.hidden) details.ev').first();
        await ev.locator('summary').click();
        expect(await ev.locator('ul.evidence').isVisible()).toBe(true);
        // the default filter state is rendered by the server
        const shown = json.results.filter((r) => ['fail', 'waived', 'unknown', 'error'].includes(r.status)).length;
        expect(await page.locator('tr.result:not(.hidden)').count()).toBe(shown);
      } finally {
        await browser.close();
      }
    });

    it('--format pdf: the CLI prints a valid A4 PDF within the page bound', async () => {
      const file = join(dir, 'demo.pdf');
      expect([0, 1, 3]).toContain(await cli(['--format', 'pdf', '--output', file, '--chromium', CHROMIUM]));
      const pdf = await readFile(file);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-1024).toString('latin1')).toContain('%%EOF');
      const pages = pdfPages(pdf);
      process.stderr.write(`[html-report] demo cluster --format pdf: ${pages} pages\n`);
      expect(pages).toBeGreaterThanOrEqual(6);
      expect(pages).toBeLessThanOrEqual(MAX_DEMO_PAGES);
      // A4 (595 × 842 pt)
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 841\.\d+/);
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(join(ARTIFACTS, 'demo-report.pdf'), pdf);
    });

    it('saves screenshots of the summary, the tenant graph and a finding', async () => {
      const { page, errors } = await openDemo();
      const target = SCREENSHOTS ?? ARTIFACTS;
      await mkdir(target, { recursive: true });
      await page.locator('#summary').screenshot({ path: join(target, 'summary.png') });
      await page.locator('#tenants .graph-wrap').screenshot({ path: join(target, 'tenant-graph.png') });
      const finding = page.locator('.rule-group:not(.hidden)', { has: page.locator('tr.result:not(.hidden) details.ev') }).first();
      await finding.locator('tr.result:not(.hidden) details.ev summary').first().click();
      await finding.screenshot({ path: join(target, 'finding.png') });
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
